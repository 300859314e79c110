/** Errors the user can act on. They carry a message meant for people, never a stack trace. */

/** Bad usage or invalid configuration: the CLI exits with code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A request that cannot be served as asked (unknown topic, nothing to brief): shown as is. */
export class UserFacingError extends Error {
  override name = "UserFacingError";
}
