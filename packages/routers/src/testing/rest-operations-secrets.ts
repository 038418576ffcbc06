/** The secrets module's REST operations, part of `REST_OPERATIONS` (rest-operations.ts). */
export const SECRETS_REST_OPERATIONS: readonly string[] = [
  'GET /secrets',
  'POST /secrets',
  'GET /secrets/{name}',
  'DELETE /secrets/{name}',
  'POST /secrets/{name}/versions',
  'PUT /secrets/{name}/expiry',
  'POST /secrets/{name}/versions/{version}/disable',
  'POST /secrets/{name}/versions/{version}/enable',
  'POST /secrets/{name}/reveal',
  'POST /secrets/{name}/recover',
  'GET /secret-keys/reencryption',
  'POST /secret-keys/reencryption',
];
