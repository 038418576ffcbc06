/** React bindings: a provider holding the PlatformClient and hooks for the session. */
export { PlatformProvider, usePlatform, useSession, useSignIn, useSignOut } from './provider';
