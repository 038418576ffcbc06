import { TextField } from '~/components/kit/field';

/** The email and password fields of a sign-in form (the console's and the account portal's). */
export function CredentialFields({
  email,
  password,
  onEmail,
  onPassword,
  errors,
}: {
  email: string;
  password: string;
  onEmail: (value: string) => void;
  onPassword: (value: string) => void;
  errors: { email?: string; password?: string };
}) {
  return (
    <>
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        autoFocus
        value={email}
        onChange={(event) => onEmail(event.target.value)}
        error={errors.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => onPassword(event.target.value)}
        error={errors.password}
      />
    </>
  );
}
