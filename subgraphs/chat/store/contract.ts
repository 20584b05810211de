/**
 * What the chat stores' contract suites share (test support only): one
 * `describe` per adapter available (SQLite always, MongoDB when MONGODB_URI is
 * set; see testing/adapters.ts), the three ports opened on one fresh database,
 * per-test user ids, and a way to make the database itself refuse a write.
 */
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { adapterFixtures } from '../../../testing/adapters.js';
import type { ConversationRecord } from './conversations.js';
import { mongoChatStores, sqliteChatStores, type ChatStores } from './index.js';
import type { MessageRecord } from './messages.js';

export type AdapterName = 'sqlite' | 'mongodb';

export interface ChatContract {
  readonly adapter: AdapterName;
  /** Open in `before`, closed in `after`. */
  readonly stores: ChatStores;
  /**
   * Fresh user ids: the suite shares one database, and per-user answers
   * (unread totals, conversation lists) must not see other tests.
   */
  users(...names: string[]): string[];
  send(conversationId: string, senderId: string, text: string, clientMessageId?: string | null): Promise<MessageRecord>;
  conversation(id: string): Promise<ConversationRecord>;
  /**
   * From now on the database refuses to store a message with this text: a
   * SQLite trigger, a MongoDB collection validator. The refusal comes from the
   * database at the insert, after the counter bump, as a real failure would.
   */
  refuseMessagesWithText(text: string): Promise<void>;
}

interface Opened {
  stores: ChatStores;
  refuse(text: string): Promise<void>;
}

let triggers = 0;
const fixtures = adapterFixtures<Opened>('chat', {
  sqlite: (db) => ({
    stores: sqliteChatStores(db),
    refuse: async (text) => {
      const literal = `'${text.replaceAll("'", "''")}'`;
      db.exec(`CREATE TRIGGER IF NOT EXISTS refuse_${++triggers} BEFORE INSERT ON messages WHEN NEW.text = ${literal} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    },
  }),
  mongo: async (conn) => ({
    stores: await mongoChatStores(conn),
    refuse: async (text) => {
      await conn.db!.command({ collMod: 'messages', validator: { text: { $ne: text } }, validationAction: 'error' });
    },
  }),
});

/** Runs `body` once per adapter, under "chat <port> store contract (<adapter>): <guarantees>". */
export function describeChatContract(port: string, guarantees: Record<AdapterName, string>, body: (c: ChatContract) => void): void {
  for (const makeFixture of fixtures) {
    const fixture = makeFixture();
    describe(`chat ${port} store contract (${fixture.name}): ${guarantees[fixture.name]}`, () => {
      let opened: Opened | undefined;
      let counter = 0;
      const c: ChatContract = {
        adapter: fixture.name,
        get stores() {
          assert.ok(opened, 'stores are open');
          return opened.stores;
        },
        users: (...names) => {
          const n = ++counter;
          return names.map((name) => `${name}-${n}`);
        },
        send: async (conversationId, senderId, text, clientMessageId = null) => (await c.stores.messages.appendMessage({ conversationId, senderId, text, clientMessageId })).message,
        conversation: async (id) => {
          const [found] = await c.stores.conversations.findConversationsByIds([id]);
          assert.ok(found, `conversation ${id} exists`);
          return found;
        },
        refuseMessagesWithText: (text) => opened!.refuse(text),
      };
      before(async () => {
        opened = await fixture.open();
      });
      after(async () => {
        await opened?.stores.dispose();
        await fixture.cleanup();
      });
      body(c);
    });
  }
}
