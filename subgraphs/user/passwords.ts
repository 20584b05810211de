/**
 * Password hashing (argon2id, OWASP's minimum parameters: 19 MiB, 2 passes,
 * 1 lane) and the password and username policies.
 */
import argon2 from 'argon2';
import { badInput } from '../../lib/errors.js';

const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const USERNAME = /^[A-Za-z0-9_]{3,32}$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export function checkUsername(username: string): void {
  if (!USERNAME.test(username)) throw badInput('Usernames are 3-32 characters: letters, digits and underscores.', { field: 'username' });
}

export function checkPassword(password: string, username?: string): void {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw badInput(`Passwords are ${PASSWORD_MIN}-${PASSWORD_MAX} characters long.`, { field: 'password' });
  }
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) {
    throw badInput('Passwords need at least one letter and one digit.', { field: 'password' });
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    throw badInput('Passwords must not contain the username.', { field: 'password' });
  }
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

// Verifying against this when the user does not exist keeps the response time
// the same, so timing does not reveal which usernames exist.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  if (!hash) {
    await argon2.verify(await (dummyHash ??= hashPassword('not-a-real-password-1')), password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}
