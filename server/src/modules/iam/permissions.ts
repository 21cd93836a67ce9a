import { MODULE_ACTIONS, type Module, type Permissions, TOKEN_SCOPE } from '@yangfan/contracts';
import { AppError } from '../../platform/errors.js';

/** Rejects actions that do not exist for a module (e.g. catalog:admin) and drops duplicates. */
export function normalizePermissions(p: Permissions): Permissions {
  const out: Permissions = {};
  for (const [mod, actions] of Object.entries(p) as [Module, string[]][]) {
    const allowed = MODULE_ACTIONS[mod];
    for (const a of actions) {
      if (!allowed.includes(a as never)) {
        throw new AppError('INVALID_INPUT', `Action "${a}" does not exist for module "${mod}"`, {
          field: `permissions.${mod}`,
        });
      }
    }
    if (actions.length > 0) out[mod] = [...new Set(actions)].sort() as never;
  }
  return out;
}

/** Permissions of a token: the user's permissions narrowed to the token's scopes ("catalog:view" …). */
export function intersectWithScopes(user: Permissions, scopes: string[]): Permissions {
  const out: Permissions = {};
  for (const s of scopes) {
    if (!TOKEN_SCOPE.test(s)) continue;
    const [mod, action] = s.split(':') as [Module, string];
    const granted = user[mod] ?? [];
    if (granted.includes(action as never) || granted.includes('admin')) {
      out[mod] = [...new Set([...(out[mod] ?? []), action])] as never;
    }
  }
  return out;
}

export const ALL_PERMISSIONS: Permissions = Object.fromEntries(
  Object.entries(MODULE_ACTIONS).map(([m, a]) => [m, [...a]]),
) as Permissions;
