import { cookies } from 'next/headers';
import { Button } from '~/components/kit/button';
import { FormError } from '~/components/kit/form-error';
import { SSO_ERROR_COOKIE, ssoProviders } from '~/server/sso-http';
import styles from './sso.module.css';

/**
 * The default product's SSO providers as plain forms (no script needed): each posts to /api/sso/start, which
 * sends the browser to the provider. A failed SSO sign-in comes back here with its message.
 */
export async function SsoSignIn({ next }: { next: string }) {
  const [providers, jar] = await Promise.all([ssoProviders(), cookies()]);
  const error = jar.get(SSO_ERROR_COOKIE)?.value;
  if (providers.length === 0 && !error) return null;
  return (
    <div className={styles.sso}>
      <FormError message={error} />
      {providers.map((provider) => (
        <form key={provider.id} method="post" action="/api/sso/start">
          <input type="hidden" name="providerId" value={provider.id} />
          <input type="hidden" name="next" value={next} />
          <Button type="submit" className="btn-block">
            Continue with {provider.name}
          </Button>
        </form>
      ))}
      {providers.length > 0 ? <div className={styles.divider}>or with your email and password</div> : null}
    </div>
  );
}
