import type mongoose from 'mongoose';
import { Schema } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { UniqueViolation } from '../../lib/errors.js';
import { isMongoDuplicateKey } from '../../lib/infra/documents.js';
import type { NewUser, UserRecord, UserStore } from './store.js';

interface UserDoc {
  _id: string;
  username: string;
  usernameLower: string;
  displayName: string;
  bio: string;
  avatarKey: string | null;
  passwordHash: string;
  createdAt: Date;
  updatedAt: Date;
}

const userSchema = new Schema<UserDoc>(
  {
    _id: { type: String, required: true },
    username: { type: String, required: true },
    usernameLower: { type: String, required: true, unique: true },
    displayName: { type: String, required: true },
    bio: { type: String, default: '' },
    avatarKey: { type: String, default: null },
    passwordHash: { type: String, required: true },
  },
  { timestamps: true, versionKey: false },
);

function toRecord(doc: UserDoc): UserRecord {
  return {
    id: doc._id,
    username: doc.username,
    displayName: doc.displayName,
    bio: doc.bio,
    avatarKey: doc.avatarKey ?? null,
    passwordHash: doc.passwordHash,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export class MongoUserStore implements UserStore {
  private constructor(
    private readonly conn: mongoose.Connection,
    private readonly users: mongoose.Model<UserDoc>,
  ) {}

  static async create(conn: mongoose.Connection): Promise<MongoUserStore> {
    const users = conn.model<UserDoc>('User', userSchema, 'users');
    // Build indexes now: a unique index that does not exist yet enforces nothing.
    await users.createIndexes();
    return new MongoUserStore(conn, users);
  }

  async createUser(user: NewUser): Promise<UserRecord> {
    try {
      const doc = await this.users.create({
        _id: uuidv7(),
        username: user.username,
        usernameLower: user.username.toLowerCase(),
        displayName: user.displayName,
        bio: user.bio ?? '',
        avatarKey: null,
        passwordHash: user.passwordHash,
      });
      return toRecord(doc.toObject());
    } catch (err) {
      if (isMongoDuplicateKey(err)) throw new UniqueViolation('username');
      throw err;
    }
  }

  async findUsersByIds(ids: readonly string[]): Promise<UserRecord[]> {
    if (ids.length === 0) return [];
    const docs = await this.users.find({ _id: { $in: [...ids] } }).lean<UserDoc[]>();
    return docs.map(toRecord);
  }

  async findUserByUsername(username: string): Promise<UserRecord | null> {
    const doc = await this.users.findOne({ usernameLower: username.toLowerCase() }).lean<UserDoc>();
    return doc ? toRecord(doc) : null;
  }

  async ping(): Promise<void> {
    await this.conn.db?.admin().ping();
  }

  async dispose(): Promise<void> {
    await this.conn.close();
  }
}
