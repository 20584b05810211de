/**
 * The comments port's contract (store/comments.ts), on every adapter: replies
 * one level deep, commentCount and replyCount follow what is added and deleted.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeContract, video } from './contract.js';

describeContract('comments', (cx) => {
  test('comments: top level newest first, replies oldest first, with counts', async () => {
    const [owner, a, b] = cx.users('host', 'a', 'b') as [string, string, string];
    const v = await cx.videos.createVideo(video(owner, 'discussed'));
    const w = await cx.videos.createVideo(video(owner, 'quiet'));
    const r1 = await cx.comments.addComment({ videoId: v.id, authorId: a, parentId: null, text: 'first' });
    const r2 = await cx.comments.addComment({ videoId: v.id, authorId: b, parentId: null, text: 'second' });
    const x1 = await cx.comments.addComment({ videoId: v.id, authorId: b, parentId: r1.id, text: 'reply 1' });
    const x2 = await cx.comments.addComment({ videoId: v.id, authorId: a, parentId: r1.id, text: 'reply 2' });
    const r3 = await cx.comments.addComment({ videoId: v.id, authorId: a, parentId: null, text: 'third' });
    await cx.comments.addComment({ videoId: w.id, authorId: a, parentId: null, text: 'elsewhere' });

    assert.equal(r1.videoId, v.id);
    assert.equal(r1.authorId, a);
    assert.equal(r1.parentId, null);
    assert.equal(r1.replyCount, 0);
    assert.ok(r1.createdAt instanceof Date);
    assert.equal(x1.parentId, r1.id);
    assert.equal((await cx.findVideo(v.id)).commentCount, 5);
    assert.equal((await cx.findVideo(w.id)).commentCount, 1);
    assert.equal((await cx.commentOf(r1.id)).replyCount, 2);
    assert.equal((await cx.commentOf(r2.id)).replyCount, 0);
    assert.deepEqual(await cx.commentOf(x2.id), x2);

    const top = await cx.comments.listComments({ videoId: v.id, parentId: null, limit: 2 });
    assert.deepEqual(top.items.map((c) => c.text), ['third', 'second']);
    assert.equal(top.hasNextPage, true);
    const topNext = await cx.comments.listComments({ videoId: v.id, parentId: null, limit: 2, after: top.items[1]!.id });
    assert.deepEqual(topNext.items.map((c) => c.text), ['first']);
    assert.equal(topNext.hasNextPage, false);
    assert.equal(topNext.items[0]!.replyCount, 2);

    const replies = await cx.comments.listComments({ videoId: v.id, parentId: r1.id, limit: 1 });
    assert.deepEqual(replies.items.map((c) => c.text), ['reply 1']);
    assert.equal(replies.hasNextPage, true);
    const repliesNext = await cx.comments.listComments({ videoId: v.id, parentId: r1.id, limit: 1, after: replies.items[0]!.id });
    assert.deepEqual(repliesNext.items.map((c) => c.text), ['reply 2']);
    assert.equal(repliesNext.hasNextPage, false);
    const allReplies = await cx.comments.listComments({ videoId: v.id, parentId: r1.id, limit: 10 });
    assert.deepEqual(allReplies.items.map((c) => c.id), [x1.id, x2.id]);
    assert.equal(allReplies.hasNextPage, false);
    assert.deepEqual((await cx.comments.listComments({ videoId: v.id, parentId: r3.id, limit: 10 })).items, []);

    const found = await cx.comments.findCommentsByIds([r1.id, x2.id, 'missing']);
    assert.deepEqual(found.map((c) => c.text).sort(), ['first', 'reply 2']);
    assert.deepEqual(await cx.comments.findCommentsByIds([]), []);
  });

  test('deleting a comment removes its replies and fixes the counts', async () => {
    const [owner, a] = cx.users('host', 'a') as [string, string];
    const v = await cx.videos.createVideo(video(owner, 'moderated'));
    const root = await cx.comments.addComment({ videoId: v.id, authorId: a, parentId: null, text: 'root' });
    const keep = await cx.comments.addComment({ videoId: v.id, authorId: a, parentId: null, text: 'keep' });
    const x1 = await cx.comments.addComment({ videoId: v.id, authorId: a, parentId: root.id, text: 'x1' });
    const x2 = await cx.comments.addComment({ videoId: v.id, authorId: a, parentId: root.id, text: 'x2' });
    const x3 = await cx.comments.addComment({ videoId: v.id, authorId: a, parentId: root.id, text: 'x3' });
    assert.equal((await cx.findVideo(v.id)).commentCount, 5);

    assert.equal(await cx.comments.deleteComment(x1.id), 1, 'a reply alone');
    assert.equal((await cx.commentOf(root.id)).replyCount, 2);
    assert.equal((await cx.findVideo(v.id)).commentCount, 4);

    assert.equal(await cx.comments.deleteComment(root.id), 3, 'a root with its two remaining replies');
    assert.deepEqual(await cx.comments.findCommentsByIds([root.id, x2.id, x3.id]), []);
    assert.deepEqual((await cx.comments.listComments({ videoId: v.id, parentId: root.id, limit: 10 })).items, []);
    assert.deepEqual((await cx.comments.listComments({ videoId: v.id, parentId: null, limit: 10 })).items.map((c) => c.id), [keep.id]);
    assert.equal((await cx.findVideo(v.id)).commentCount, 1);

    assert.equal(await cx.comments.deleteComment(root.id), 0, 'already deleted');
    assert.equal(await cx.comments.deleteComment(`missing-${owner}`), 0);
    assert.equal((await cx.findVideo(v.id)).commentCount, 1);
  });
});
