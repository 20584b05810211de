/**
 * The user subgraph's MongoDB collections, shared by its mongoose adapters
 * (one database, `vidhub_user` unless MONGODB_URI names one): the schemas
 * with their indexes, the document types and mapper. A follow and both users'
 * counts change in one multi-document transaction (mongo/follows.ts), which
 * needs a replica set.
 */
import type mongoose from 'mongoose';
import { Schema } from 'mongoose';
import { pairSchema } from '../../../../lib/data/documents.js';
import type { UserRecord, Visibility } from '../users.js';

export type UserDoc = Omit<UserRecord, 'id'> & { _id: string; usernameLower: string };
export interface FollowDoc {
  _id: string;
  followerId: string;
  followeeId: string;
  createdAt: Date;
}

const VISIBILITY: Visibility[] = ['EVERYONE', 'FOLLOWERS', 'ONLY_ME'];
const userSchema = new Schema<UserDoc>(
  {
    _id: { type: String, required: true },
    username: { type: String, required: true },
    usernameLower: { type: String, required: true, unique: true },
    displayName: { type: String, required: true },
    bio: { type: String, default: '' },
    avatarKey: { type: String, default: null },
    passwordHash: { type: String, required: true },
    roles: { type: [String], default: [] },
    followerCount: { type: Number, default: 0 },
    followingCount: { type: Number, default: 0 },
    privacyFavourites: { type: String, enum: VISIBILITY, default: 'EVERYONE' },
    privacyFollows: { type: String, enum: VISIBILITY, default: 'EVERYONE' },
    version: { type: Number, default: 1 },
  },
  { timestamps: true, versionKey: false },
);

const followSchema = pairSchema<FollowDoc>('followerId', 'followeeId');
followSchema.index({ followeeId: 1, _id: -1 });
followSchema.index({ followerId: 1, _id: -1 });

export function toRecord({ _id, usernameLower: _l, ...rest }: UserDoc): UserRecord {
  return { id: _id, ...rest, avatarKey: rest.avatarKey ?? null, roles: [...(rest.roles ?? [])] };
}

export interface UserModels {
  conn: mongoose.Connection;
  users: mongoose.Model<UserDoc>;
  follows: mongoose.Model<FollowDoc>;
}

/** Registers the models on the connection and builds their indexes: a unique index that does not exist yet enforces nothing. */
export async function userModels(conn: mongoose.Connection): Promise<UserModels> {
  const users = conn.model<UserDoc>('User', userSchema, 'users');
  const follows = conn.model<FollowDoc>('Follow', followSchema, 'follows');
  await Promise.all([users.createIndexes(), follows.createIndexes()]);
  return { conn, users, follows };
}
