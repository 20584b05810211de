/**
 * The ranges of a proof-of-possession challenge: always inside the file, never
 * the whole file (whose sha256 is public), and drawn afresh each time.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { INSTANT_MIN_BYTES, PROOF_RANGE_COUNT, PROOF_RANGE_MAX_BYTES, PROOF_RANGE_MIN_BYTES, challengeRanges } from './uploads.js';

test('challenge ranges lie inside the file, 4-64 KiB but at most half of it, ordered by offset', () => {
  fc.assert(
    fc.property(fc.integer({ min: INSTANT_MIN_BYTES, max: 2 ** 40 }), (size) => {
      const ranges = challengeRanges(size);
      assert.equal(ranges.length, PROOF_RANGE_COUNT);
      for (const r of ranges) {
        assert.ok(Number.isInteger(r.offset) && Number.isInteger(r.length));
        assert.ok(r.offset >= 0 && r.offset + r.length <= size, `${JSON.stringify(r)} inside ${size} bytes`);
        assert.ok(r.length >= PROOF_RANGE_MIN_BYTES && r.length <= PROOF_RANGE_MAX_BYTES);
        assert.ok(r.length <= size / 2, 'never the whole file');
      }
      assert.deepEqual(ranges.map((r) => r.offset), ranges.map((r) => r.offset).sort((a, b) => a - b));
    }),
  );
});

test('files too small for a meaningful challenge get none', () => {
  assert.throws(() => challengeRanges(INSTANT_MIN_BYTES - 1), RangeError);
  assert.equal(challengeRanges(INSTANT_MIN_BYTES).length, PROOF_RANGE_COUNT);
});

test('each challenge is drawn afresh', () => {
  // Two draws of 3 ranges over 100 MB agreeing by chance is out of the question.
  const seen = new Set(Array.from({ length: 20 }, () => JSON.stringify(challengeRanges(100_000_000))));
  assert.equal(seen.size, 20);
});
