import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";

import {
  decodeMetagraphWord,
  InvalidWeightsError,
  parseWeights,
  readWeightCommits,
  removeWeightCommits,
  saveWeightCommit,
  toU16Weights,
  unpackU16Row,
  type StoredWeightCommit,
} from "../../sdk/src/index.js";

const HOTKEY = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const CONTRACT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

describe("SDK subnets module", function () {
  describe("weights, packing and the salt store", function () {
    let scratch: string;

    before(async function () {
      scratch = await mkdtemp(path.join(os.tmpdir(), "subnet-commits-"));
    });
    after(async function () {
      await rm(scratch, { recursive: true, force: true });
    });

    it("scales weights so that the largest is 65535, sorted by UID, zeros left out", function () {
      expect(toU16Weights([2, 0, 1], [0.2, 0.5, 0.3])).to.deep.equal({ uids: [0, 1, 2], weights: [65535, 39321, 26214] });
      expect(toU16Weights([5, 3], [1n, 3n])).to.deep.equal({ uids: [3, 5], weights: [65535, 21845] });
      expect(toU16Weights([0, 1], [1, 0])).to.deep.equal({ uids: [0], weights: [65535] });
      expect(() => toU16Weights([1, 1], [1, 2])).to.throw(InvalidWeightsError, "UID 1 is given more than once.");
      expect(() => toU16Weights([0], [0])).to.throw(InvalidWeightsError, "Every weight is zero");
      expect(() => toU16Weights([0, 1], [1])).to.throw(InvalidWeightsError, "2 UIDs were given with 1 weights");
      expect(() => toU16Weights([300], [1], 255)).to.throw(InvalidWeightsError, "UID 300 is not a UID of this subnet (0 to 255).");
      expect(() => toU16Weights([0], [-1])).to.throw(InvalidWeightsError, "not negative");
    });

    it("parses uid:weight pairs as the CLI takes them", function () {
      expect(parseWeights("0:0.7, 3:0.3")).to.deep.equal({ uids: [0, 3], weights: [0.7, 0.3] });
      expect(parseWeights("1=2 2=1")).to.deep.equal({ uids: [1, 2], weights: [2, 1] });
      expect(() => parseWeights("0:a")).to.throw(InvalidWeightsError, '"0:a" is not a weight');
      expect(() => parseWeights("")).to.throw(InvalidWeightsError, "No weights were given");
    });

    it("unpacks metagraph words and u16 rows as the contract packs them", function () {
      const word = 1n | (2n << 16n) | (3n << 32n) | (4n << 48n) | (5n << 64n) | (65535n << 80n) | (123456789n << 96n);
      expect(decodeMetagraphWord(word)).to.deep.equal({
        consensus: 1,
        incentive: 2,
        dividends: 3,
        validatorTrust: 4,
        trust: 5,
        rank: 65535,
        emission: 123456789n,
      });
      // Column 17 lives in word 1 at bit 16.
      expect(unpackU16Row([7n | (9n << 32n), 11n << 16n], 20)).to.deep.equal([
        [0, 7],
        [2, 9],
        [17, 11],
      ]);
      expect(unpackU16Row([0xffffn << 48n], 3)).to.deep.equal([]);
    });

    it("keeps commits per chain, contract, subnet and hotkey in a file only its owner reads, and removes them by hash", async function () {
      const file = path.join(scratch, "nested", "commits.json");
      const key = { chainId: 31337, contract: CONTRACT, netuid: 1n, hotkey: HOTKEY };
      const entry = (hash: string, netuid = "1"): StoredWeightCommit => ({
        chainId: 31337,
        contract: CONTRACT,
        netuid,
        hotkey: HOTKEY,
        hash,
        uids: [0, 1],
        weights: [65535, 100],
        salt: `0x${"11".repeat(32)}`,
        versionKey: "0",
        commitEpoch: "3",
        revealEpoch: "4",
        blockNumber: 10,
        transaction: `0x${"22".repeat(32)}`,
        createdAt: new Date(0).toISOString(),
      });
      expect(await readWeightCommits(file, key)).to.deep.equal([]);
      await saveWeightCommit(file, entry("0xaa"));
      await saveWeightCommit(file, entry("0xbb"));
      await saveWeightCommit(file, entry("0xaa", "2"));
      await saveWeightCommit(file, { ...entry("0xaa"), blockNumber: 11 });
      expect((await stat(file)).mode & 0o777).to.equal(0o600);
      const found = await readWeightCommits(file, { ...key, hotkey: HOTKEY.toLowerCase() });
      expect(found.map((c) => [c.hash, c.blockNumber])).to.deep.equal([
        ["0xbb", 10],
        ["0xaa", 11],
      ]);
      expect(await removeWeightCommits(file, key, ["0xAA"])).to.equal(1);
      expect((await readWeightCommits(file, key)).map((c) => c.hash)).to.deep.equal(["0xbb"]);
      expect((await readWeightCommits(file, { ...key, netuid: 2n })).map((c) => c.hash)).to.deep.equal(["0xaa"]);
      const stored = JSON.parse(await readFile(file, "utf8")) as { version: number; commits: unknown[] };
      expect(stored.version).to.equal(1);
      expect(stored.commits).to.have.length(2);
    });
  });
});
