import { PASSWORD_MIN_LENGTH } from '@carebridge/contracts';
import { AppError } from '../../platform/errors';

/** The server-side password rules (the schema checks length too; here the rules that need context). */
export function assertAcceptablePassword(password: string, username: string, path = 'password'): void {
  if (password.length < PASSWORD_MIN_LENGTH)
    throw new AppError('password_rejected', [{ path, message: 'password_too_short' }]);
  if (password.trim().toLowerCase() === username.trim().toLowerCase())
    throw new AppError('password_rejected', [{ path, message: 'password_is_username' }]);
}
