/** An error whose message is written for the operator and may be shown as is. Anything else is not. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 | 422 = 400,
  ) {
    super(message);
    this.name = "UserFacingError";
  }
}
