import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { intersectWithScopes, normalizePermissions } from './permissions.js';

describe('permissions', () => {
  it('rejects actions a module does not have', () => {
    expect(() => normalizePermissions({ catalog: ['admin'] })).toThrow(AppError);
    expect(normalizePermissions({ catalog: ['edit', 'view', 'edit'], fx: [] })).toEqual({ catalog: ['edit', 'view'] });
  });

  it('narrows a token to what both the user and the token allow', () => {
    const user = { catalog: ['view' as const, 'edit' as const], stores: ['admin' as const] };
    expect(intersectWithScopes(user, ['catalog:view', 'fx:view', 'stores:edit', 'junk'])).toEqual({
      catalog: ['view'],
      stores: ['edit'],
    });
  });
});
