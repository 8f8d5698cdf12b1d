/** An input as an action.yml declares it. */
export interface InputSpec {
  readonly required: boolean;
  /** The default the runner applies when the input is not given; the code applies the same one (inputs.ts). */
  readonly default?: string;
}
