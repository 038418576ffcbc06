/** The platform's client for product apps: a typed tRPC client and a REST helper with auth built in. */
export {
  createPlatformClient,
  type PlatformClient,
  type PlatformClientOptions,
  type SignInInput,
} from './client';
export {
  type FieldError,
  fromRestResponse,
  fromTrpcError,
  isPlatformError,
  PlatformError,
  type PlatformErrorKind,
} from './errors';
export type { RestClient, RestOptions } from './rest';
export type {
  AuthResult,
  PlatformUser,
  SessionState,
  SessionStatus,
  SignedOutEvent,
} from './session';
export {
  localStorageStorage,
  memoryStorage,
  type TokenSet,
  type TokenStorage,
  type WebStorageLike,
} from './storage';
export type { RetryOptions } from './transport';
