'use client';

import { useEffect } from 'react';
import { renewRoadmapSession } from '~/app/roadmap/actions';

/**
 * Rendered when only the refresh cookie is left: renews the session through a server action (a page render may
 * not set cookies), after which the page renders again signed in.
 */
export function SessionRenewer() {
  useEffect(() => {
    void renewRoadmapSession();
  }, []);
  return null;
}
