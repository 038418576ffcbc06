import { NextRequest, NextResponse } from 'next/server';
import { describe, expect, it } from 'vitest';
import {
  clearSessionCookies,
  isAccessTokenExpired,
  isSecureContext,
  setSessionCookies,
} from './session-cookies';

const jwt = (claims: Record<string, unknown>) =>
  ['e30', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'sig'].join('.');

const request = (host: string) => new NextRequest(`http://${host}/api/session`, { headers: { host } });

describe('session cookies', () => {
  it('treats a token as expired within the margin, or when unreadable', () => {
    const now = 1_800_000_000_000;
    expect(isAccessTokenExpired(jwt({ exp: now / 1000 + 60 }), now)).toBe(false);
    expect(isAccessTokenExpired(jwt({ exp: now / 1000 + 5 }), now)).toBe(true);
    expect(isAccessTokenExpired(jwt({}), now)).toBe(true);
    expect(isAccessTokenExpired('not-a-jwt', now)).toBe(true);
  });

  it('marks cookies Secure except on loopback hosts', () => {
    expect(isSecureContext(request('localhost:3001'))).toBe(false);
    expect(isSecureContext(request('127.0.0.1:3001'))).toBe(false);
    expect(isSecureContext(request('console.example.com'))).toBe(true);
  });

  it('sets httpOnly, SameSite=Lax cookies for both tokens and clears them', () => {
    const response = NextResponse.json({});
    setSessionCookies(response, request('console.example.com'), {
      accessToken: 'a',
      refreshToken: 'r',
      expiresIn: 900,
    });
    const header = response.headers.getSetCookie().join('\n');
    expect(header).toMatch(/bl_access=a; Path=\/;.*Max-Age=900; Secure; HttpOnly; SameSite=lax/i);
    expect(header).toMatch(/bl_refresh=r; Path=\/;.*HttpOnly/i);
    const cleared = NextResponse.json({});
    clearSessionCookies(cleared, request('localhost:3001'));
    const clearedCookies = cleared.headers.getSetCookie();
    expect(clearedCookies.map((c) => c.split('=')[0]).sort()).toEqual(['bl_access', 'bl_refresh']);
    expect(clearedCookies.every((c) => /Max-Age=0/.test(c) && !/Secure/.test(c))).toBe(true);
  });
});
