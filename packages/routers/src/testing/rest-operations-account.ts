/** The account module's REST operations (a user acting on their own account); see rest-operations.ts. */
export const ACCOUNT_REST_OPERATIONS: readonly string[] = [
  'GET /account',
  'PATCH /account/profile',
  'POST /account/password',
  'POST /account/email',
  'POST /account/email/confirm',
  'POST /account/data-exports',
  'GET /account/data-exports',
  'GET /account/data-exports/{id}',
  'POST /account/deletion',
  'POST /account/deletion/cancel',
];
