/** Error answers shaped like GitHub's: `{ message, documentation_url, status }` (+ `errors` on 422). */
export const DOCS = 'https://docs.github.com/rest';

export interface FieldError {
  resource?: string;
  field?: string;
  code: string;
  message?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly documentationUrl: string = DOCS,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toBody(): Record<string, unknown> {
    const body: Record<string, unknown> = {
      message: this.message,
      documentation_url: this.documentationUrl,
      status: String(this.status),
    };
    if (this.errors) body.errors = this.errors;
    return body;
  }
}

export const notFound = (docs = DOCS): ApiError => new ApiError(404, 'Not Found', docs);

export const notAccessible = (docs = DOCS): ApiError =>
  new ApiError(403, 'Resource not accessible by integration', docs);

export const validationFailed = (errors: FieldError[], docs = DOCS): ApiError =>
  new ApiError(422, 'Validation Failed', docs, errors);

export const unprocessable = (message: string, docs = DOCS): ApiError => new ApiError(422, message, docs);

export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const ok = (body: unknown, status = 200, headers: Record<string, string> = {}): HandlerResult => ({
  status,
  body,
  headers,
});

export const noContent = (): HandlerResult => ({ status: 204 });
