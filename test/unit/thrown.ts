/**
 * What `run` throws, when it is a `type` (the test then checks its message and details); anything else it throws is
 * thrown on, and a run that throws nothing fails the test.
 */
export function thrownBy<E extends Error>(run: () => unknown, type: abstract new (...args: never[]) => E): E {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error('threw nothing');
}
