import { describe, expect, it } from 'vitest';
import { errorCodeOf, fieldErrorsFrom, fieldErrorsOf, httpStatusOf } from './api-errors';

describe('api errors', () => {
  it('maps the formatter’s field list to the first message per path', () => {
    const data = {
      fields: [
        { path: 'email', message: 'Invalid email' },
        { path: 'email', message: 'Too long' },
        { path: 'roles.0', message: 'Invalid option' },
      ],
    };
    expect(fieldErrorsFrom(data)).toEqual({
      email: 'Invalid email',
      'roles.0': 'Invalid option',
      roles: 'Invalid option',
    });
  });

  it('puts a nested failure on each enclosing field too, after the exact paths', () => {
    const data = {
      fields: [
        { path: 'quotas.pro.limit', message: 'Too small' },
        { path: 'quotas', message: 'Too many quotas' },
      ],
    };
    expect(fieldErrorsFrom(data)).toEqual({
      'quotas.pro.limit': 'Too small',
      'quotas.pro': 'Too small',
      quotas: 'Too many quotas',
    });
  });

  it('ignores bodies without fields', () => {
    expect(fieldErrorsFrom(undefined)).toEqual({});
    expect(fieldErrorsFrom({ fields: 'nope' })).toEqual({});
    expect(fieldErrorsOf(new Error('x'))).toEqual({});
  });

  it('reads the status and code of a client error', () => {
    const error = Object.assign(new Error('Conflict'), { data: { httpStatus: 409, code: 'CONFLICT' } });
    expect(httpStatusOf(error)).toBe(409);
    expect(errorCodeOf(error)).toBe('CONFLICT');
    expect(httpStatusOf(null)).toBeUndefined();
  });
});
