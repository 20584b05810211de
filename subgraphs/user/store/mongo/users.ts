import { v7 as uuidv7 } from 'uuid';
import { UniqueViolation } from '../../../../lib/errors.js';
import { isMongoDuplicateKey } from '../../../../lib/data/documents.js';
import type { Page } from '../page.js';
import type { NewUser, ProfileChanges, UserRecord, UserStore } from '../users.js';
import { toRecord, type UserDoc, type UserModels } from './models.js';

export class MongoUserStore implements UserStore {
  constructor(private readonly m: UserModels) {}

  async createUser(user: NewUser): Promise<UserRecord> {
    try {
      const doc = await this.m.users.create({
        _id: uuidv7(),
        username: user.username,
        usernameLower: user.username.toLowerCase(),
        displayName: user.displayName,
        bio: user.bio ?? '',
        passwordHash: user.passwordHash,
        roles: user.roles ?? [],
      });
      return toRecord(doc.toObject());
    } catch (err) {
      if (isMongoDuplicateKey(err)) throw new UniqueViolation('username');
      throw err;
    }
  }

  async findUsersByIds(ids: readonly string[]): Promise<UserRecord[]> {
    if (ids.length === 0) return [];
    return (await this.m.users.find({ _id: { $in: [...ids] } }).lean<UserDoc[]>()).map(toRecord);
  }

  async findUserByUsername(username: string): Promise<UserRecord | null> {
    const doc = await this.m.users.findOne({ usernameLower: username.toLowerCase() }).lean<UserDoc>();
    return doc ? toRecord(doc) : null;
  }

  async updateProfile(id: string, changes: ProfileChanges): Promise<UserRecord | null> {
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const doc = await this.m.users.findOneAndUpdate({ _id: id }, { $set: set, $inc: { version: 1 } }, { new: true }).lean<UserDoc>();
    return doc ? toRecord(doc) : null;
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.m.users.updateOne({ _id: id }, { $set: { passwordHash } });
  }

  async listUsers(q: { limit: number; after?: string }): Promise<Page<UserRecord>> {
    const docs = await this.m.users.find(q.after ? { _id: { $gt: q.after } } : {}).sort({ _id: 1 }).limit(q.limit + 1).lean<UserDoc[]>();
    return { items: docs.slice(0, q.limit).map(toRecord), hasNextPage: docs.length > q.limit };
  }
}
