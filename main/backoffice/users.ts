/**
 * The back office's logins: a name and a password hashed with scrypt (node:crypto, a random salt
 * per user), compared in constant time. After MAX_FAILURES wrong passwords in a row a user is
 * locked for LOCK_MINUTES; an unknown name costs the same scrypt as a known one.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Pool } from 'pg';
import { BackOfficeError } from './errors';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
const KEY_LEN = 64;

function hashPassword(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LEN, { N: 16_384, r: 8, p: 1 }, (e, k) => (e ? reject(e) : resolve(k))),
  );
}

export function validUserName(name: string): boolean {
  return /^[A-Za-z0-9_.@-]{1,64}$/.test(name);
}

export async function addUser(pool: Pool, name: string, password: string): Promise<void> {
  if (!validUserName(name)) throw new BackOfficeError('FLEET_USER_NAME_INVALID', 'a user name is 1-64 letters, digits, _ . @ -');
  if (password.length < 10) throw new BackOfficeError('FLEET_PASSWORD_WEAK', 'a password has at least 10 characters');
  const salt = randomBytes(16);
  const hash = await hashPassword(password, salt);
  await pool.query(
    `INSERT INTO app_user (name, salt, hash) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET salt = EXCLUDED.salt, hash = EXCLUDED.hash, failed_logins = 0, locked_until = NULL`,
    [name, salt, hash],
  );
}

export type LoginVerdict = 'ok' | 'wrong' | 'locked';

const DUMMY_SALT = randomBytes(16);

export async function checkLogin(pool: Pool, name: string, password: string): Promise<LoginVerdict> {
  const r = await pool.query<{ salt: Buffer; hash: Buffer; locked: boolean }>(
    'SELECT salt, hash, COALESCE(locked_until > now(), false) AS locked FROM app_user WHERE name = $1',
    [name],
  );
  const user = r.rows[0];
  const computed = await hashPassword(password, user?.salt ?? DUMMY_SALT);
  if (!user) return 'wrong';
  if (user.locked) return 'locked';
  if (timingSafeEqual(computed, user.hash)) {
    await pool.query('UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE name = $1', [name]);
    return 'ok';
  }
  const f = await pool.query<{ failed_logins: number }>(
    // a lock that has expired starts the count again
    `WITH c AS (SELECT CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END AS n FROM app_user WHERE name = $1)
     UPDATE app_user SET failed_logins = c.n,
       locked_until = CASE WHEN c.n >= $2 THEN now() + make_interval(mins => $3) ELSE NULL END
     FROM c WHERE name = $1 RETURNING failed_logins`,
    [name, MAX_FAILURES, LOCK_MINUTES],
  );
  return (f.rows[0]?.failed_logins ?? 0) >= MAX_FAILURES ? 'locked' : 'wrong';
}
