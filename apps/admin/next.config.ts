import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript source only.
  transpilePackages: [
    '@bytelyst/routers',
    '@bytelyst/client',
    '@bytelyst/db',
    '@bytelyst/events',
    '@bytelyst/scheduler',
    '@bytelyst/emails',
    '@bytelyst/design-tokens',
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  // The public status page is the same for every visitor: shared caches may keep it 30 s (Next would mark the
  // server-rendered page no-store otherwise). Its confirm and unsubscribe pages are not cached.
  async headers() {
    return [
      {
        source: '/changelog',
        headers: [
          { key: 'Cache-Control', value: 'public, max-age=0, s-maxage=60, stale-while-revalidate=120' },
        ],
      },
      {
        source: '/status',
        headers: [
          { key: 'Cache-Control', value: 'public, max-age=0, s-maxage=30, stale-while-revalidate=60' },
        ],
      },
    ];
  },
};

export default nextConfig;
