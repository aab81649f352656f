// How the subnet contract packs what the SDK reads: u16 rows of weights and bonds, 16 to a word, and one word
// of epoch results per UID (see contracts/subnets/SubnetStorage.sol, `MetagraphWord`).

/**
 * One UID's results of the last epoch, as the contract stores them: u16 proportions, the emission paid, and what the
 * UID's coldkey has yet to claim.
 */
export interface MetagraphWordView {
  /** u16 proportions (of 65535). */
  consensus: number;
  incentive: number;
  dividends: number;
  validatorTrust: number;
  trust: number;
  /** subtensor's rank: the same value as the incentive. */
  rank: number;
  /** Reward token units the UID was paid by the last epoch (incentive and dividends), saturating at 2^96 - 1. */
  emission: bigint;
  /** Reward token units credited to the UID's coldkey (incentive, validator take) and not yet claimed. */
  unclaimed: bigint;
}

const U16 = 0xffffn;
const U96 = (1n << 96n) - 1n;

/**
 * Unpacks one UID's metagraph word: five u16 proportions in the low 80 bits, the emission in the next 96, what is
 * yet to claim in the top 80.
 *
 * @example
 * import { decodeMetagraphWord } from "open-model-registry/sdk";
 * decodeMetagraphWord((5n << 80n) | 65535n).consensus; // 65535
 */
export function decodeMetagraphWord(word: bigint): MetagraphWordView {
  const field = (shift: bigint): number => Number((word >> shift) & U16);
  return {
    consensus: field(0n),
    incentive: field(16n),
    dividends: field(32n),
    validatorTrust: field(48n),
    trust: field(64n),
    rank: field(16n),
    emission: (word >> 80n) & U96,
    unclaimed: word >> 176n,
  };
}

/**
 * A packed u16 row (16 values per word, column `j` in word `j >> 4` at bit `16 * (j & 15)`) as sparse
 * `[column, value]` entries over the first `n` columns, zeros left out unless `named` (a bitmap, bit `j` for column
 * `j`) names their column: a weight row names some UIDs with a zero weight, which stay entries (see the contract's
 * `weightUidsOf`).
 *
 * @example
 * import { unpackU16Row } from "open-model-registry/sdk";
 * unpackU16Row([7n | (9n << 32n)], 4); // [[0, 7], [2, 9]]
 * unpackU16Row([7n | (9n << 32n)], 4, 0b1111n); // [[0, 7], [1, 0], [2, 9], [3, 0]]
 */
export function unpackU16Row(words: readonly bigint[], n: number, named = 0n): [number, number][] {
  const entries: [number, number][] = [];
  for (let j = 0; j < n; j++) {
    const word = words[j >> 4] ?? 0n;
    const value = Number((word >> BigInt(16 * (j & 15))) & U16);
    if (value !== 0 || ((named >> BigInt(j)) & 1n) === 1n) entries.push([j, value]);
  }
  return entries;
}

/**
 * A u16 proportion (of 65535) as a number between 0 and 1.
 *
 * @example
 * import { proportion } from "open-model-registry/sdk";
 * proportion(65535); // 1
 */
export function proportion(value: number): number {
  return value / 65_535;
}

/**
 * Per-UID consensus (I32F32) packed as the epoch keeps it and {@link advanceEpoch} sends it as guesses: four
 * 64-bit lanes a word, UID `4q + r` in word `q` at bit `64 * r`.
 *
 * @example
 * import { packConsensusHints } from "open-model-registry/sdk";
 * packConsensusHints([1n, 2n, 3n, 4n, 5n]); // [1n | 2n << 64n | 3n << 128n | 4n << 192n, 5n]
 */
export function packConsensusHints(consensus: readonly bigint[]): bigint[] {
  const words = new Array<bigint>(Math.ceil(consensus.length / 4)).fill(0n);
  consensus.forEach((value, uid) => {
    words[uid >> 2] |= BigInt.asUintN(64, value) << BigInt(64 * (uid & 3));
  });
  return words;
}
