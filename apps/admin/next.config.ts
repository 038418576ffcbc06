import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript source only.
  transpilePackages: [
    '@bytelyst/routers',
    '@bytelyst/db',
    '@bytelyst/events',
    '@bytelyst/scheduler',
    '@bytelyst/emails',
  ],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
