// The signed-in user: one query (`['session']`) read by every component; null when signed out.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError, request, setCsrfToken } from './api';
import type { Action, Me, Module, Session } from './types';

export const SESSION_KEY = ['session'] as const;

/** Asks the server who is signed in; null (not an error) when nobody is. */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await request<Session>('GET', '/auth/me', { quiet401: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

/** The session query: `data` is undefined while loading, null when signed out. */
export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Number.POSITIVE_INFINITY, retry: 1 });
}

/** The signed-in user; only for components rendered below the authenticated layout. */
export function useMe(): Me {
  const { data } = useSession();
  if (!data) throw new Error('useMe() used outside the authenticated layout');
  return data.user;
}

/** Whether the user may do `action` in `module`; `admin` on a module grants every action of it. */
export function hasPermission(me: Me | null | undefined, module: Module, action: Action): boolean {
  const actions = me?.permissions[module];
  if (!actions) return false;
  return actions.includes(action) || actions.includes('admin');
}

/** `can('catalog', 'edit')` for the signed-in user. */
export function useCan(): (module: Module, action: Action) => boolean {
  const { data } = useSession();
  const me = data?.user;
  return useCallback((module: Module, action: Action) => hasPermission(me, module, action), [me]);
}

/** Replaces the cached session (after login, logout, or a profile change). */
export function useSetSession(): (session: Session | null) => void {
  const client = useQueryClient();
  return useCallback(
    (session: Session | null) => {
      setCsrfToken(session?.csrfToken ?? null);
      client.setQueryData(SESSION_KEY, session);
    },
    [client],
  );
}
