import { expect } from "chai";
import { network } from "hardhat";

import {
  fixedProportionToU16,
  runEpoch,
  type EpochInput,
  type EpochOutput,
  type LiquidAlpha,
} from "../../sdk/src/subnets/epoch.js";
import { decodeMetagraphWord, packConsensusHints } from "../../sdk/src/subnets/packing.js";
import type { YumaEpochHarness } from "../../types/typechain/index.js";
import {
  DEFAULT_LIQUID_ALPHA,
  LIQUID_ALPHA,
  LIQUID_SCENARIOS,
  YUMA3_PINNED,
  consensusExactnessCase,
  expectNear,
  expectYuma3Targets,
  TEST_BONDS,
  TEST_BONDS_STAKES,
  type LiquidScenario,
} from "./vectors.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

const U16_MAX = 65535;
const STAKE_CAP = (1n << 63n) - 1n;
const EMISSION_MAX = (1n << 96n) - 1n;

// ---------------------------------------------------------------------------------------------------------------
// A subnet described in plain values, written into the harness and fed to the reference alike.
// ---------------------------------------------------------------------------------------------------------------

interface Commit {
  epoch: bigint;
  /** The epoch the commit was made to be revealed in (its epoch plus the reveal period then). */
  revealEpoch: bigint;
  block: bigint;
}

interface Params {
  tempo: bigint;
  maxValidators: number;
  kappa: number;
  bondsMovingAverage: bigint;
  bondsPenalty: number;
  activityCutoff: bigint;
  commitReveal: boolean;
  revealPeriod: number;
  yuma3: boolean;
  liquidAlpha?: LiquidAlpha;
}

interface Case {
  n: number;
  hotkeys: string[];
  /** Raw pool stake (the harness's stake scale is 1; the epoch caps it at 2^63 - 1). */
  stakes: bigint[];
  registeredAt: bigint[];
  lastUpdate: bigint[];
  /** Dense u16 rows (length n) or undefined for an empty row; a zero is a UID the row does not name, unless... */
  weights: Array<number[] | undefined>;
  /** ...its bit is set here: per row, the UIDs it names with a zero weight (bit j for UID j). */
  zeros: Array<bigint | undefined>;
  bonds: Array<number[] | undefined>;
  permits: boolean[];
  ownerUid?: number;
  commits: Array<Commit | undefined>;
  params: Params;
  epochNumber: bigint;
  lastEpochBlock: bigint;
  emission: bigint;
}

const defaultParams = (p: Partial<Params> = {}): Params => ({
  tempo: 360n,
  maxValidators: 64,
  kappa: 32767,
  bondsMovingAverage: 900_000n,
  bondsPenalty: U16_MAX,
  activityCutoff: 5000n,
  commitReveal: false,
  revealPeriod: 1,
  yuma3: false,
  ...p,
});

function hyperparameters(p: Params) {
  return {
    tempo: p.tempo,
    maxUids: 256,
    maxValidators: p.maxValidators,
    immunityPeriod: 4096,
    minNonImmuneUids: 10,
    kappa: p.kappa,
    bondsMovingAverage: p.bondsMovingAverage,
    bondsPenalty: p.bondsPenalty,
    activityCutoff: p.activityCutoff,
    weightsRateLimit: 100,
    minAllowedWeights: 1,
    weightsVersionKey: 0,
    commitReveal: p.commitReveal,
    revealPeriod: p.revealPeriod,
    yuma3: p.yuma3,
    liquidAlpha: p.liquidAlpha !== undefined,
    alphaLow: p.liquidAlpha?.alphaLow ?? DEFAULT_LIQUID_ALPHA.alphaLow,
    alphaHigh: p.liquidAlpha?.alphaHigh ?? DEFAULT_LIQUID_ALPHA.alphaHigh,
    alphaSigmoidSteepness: p.liquidAlpha?.steepness ?? DEFAULT_LIQUID_ALPHA.steepness,
    bondsReset: false,
    ownerCut: 11796,
    minPrice: 0,
    maxPrice: 0,
    priceHalfLife: 1,
    emission: 0,
    keeperReward: 0,
  };
}

/** 16 u16 per word, column j in word j >> 4 at bit 16 * (j & 15). */
function packRow(values: ReadonlyArray<number>): bigint[] {
  const words = new Array<bigint>(16).fill(0n);
  values.forEach((v, j) => {
    words[j >> 4] |= BigInt(v) << BigInt(16 * (j & 15));
  });
  return words;
}

/** A dense row as sparse entries: its nonzero values, and a zero for each UID of `zeros` (named with a zero). */
function sparse(row: ReadonlyArray<number> | undefined, zeros = 0n): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  (row ?? []).forEach((v, j) => {
    if (v !== 0 || ((zeros >> BigInt(j)) & 1n) === 1n) out.push([j, v]);
  });
  return out;
}

function bitmap(bits: ReadonlyArray<boolean>): bigint {
  return bits.reduce((acc, b, i) => (b ? acc | (1n << BigInt(i)) : acc), 0n);
}

function referenceInput(c: Case, currentBlock: bigint): EpochInput {
  const p = c.params;
  const commitBlocks = p.commitReveal
    ? c.commits.map((k) => (k !== undefined && !(c.epochNumber > k.revealEpoch) ? k.block : undefined))
    : undefined;
  return {
    n: c.n,
    stakes: c.stakes.map((s) => (s > STAKE_CAP ? STAKE_CAP : s)),
    validatorPermits: c.permits,
    maxAllowedValidators: p.maxValidators,
    ownerUid: c.ownerUid,
    weights: c.weights.map((row, i) => sparse(row, c.zeros[i])),
    bonds: c.bonds.map((row) => sparse(row)),
    lastUpdate: c.lastUpdate,
    blockAtRegistration: c.registeredAt,
    currentBlock,
    activityCutoff: p.activityCutoff,
    tempo: p.tempo,
    lastMechanismStepBlock: c.lastEpochBlock,
    kappa: p.kappa,
    bondsMovingAverage: p.bondsMovingAverage,
    bondsPenalty: p.bondsPenalty,
    raoEmission: c.emission,
    commitBlocks,
    yuma3: p.yuma3,
    liquidAlpha: p.liquidAlpha,
  };
}

/** Setup transactions with a fixed limit: no gas estimation before each (the largest, 16 dense rows, is ~6M). */
const SETUP = { gasLimit: 12_000_000n };

async function write(h: YumaEpochHarness, c: Case): Promise<void> {
  await h.setN(c.n, SETUP);
  // Batches small enough for a transaction's gas cap.
  for (let from = 0; from < c.n; from += 64) {
    await h.setNeurons(from, c.hotkeys.slice(from, from + 64), c.registeredAt.slice(from, from + 64), SETUP);
    await h.setStakes(c.hotkeys.slice(from, from + 64), c.stakes.slice(from, from + 64), SETUP);
  }
  await h.setLastUpdates(0, c.lastUpdate, SETUP);
  const rows = (m: Array<number[] | undefined>) => {
    const uids: number[] = [];
    const words: bigint[][] = [];
    m.forEach((r, i) => {
      if (r !== undefined) {
        uids.push(i);
        words.push(packRow(r));
      }
    });
    return [uids, words] as const;
  };
  const [wu, ww] = rows(c.weights);
  const wz = wu.map((i) => c.zeros[i] ?? 0n);
  for (let from = 0; from < wu.length; from += 16) {
    await h.setWeightRows(wu.slice(from, from + 16), ww.slice(from, from + 16), wz.slice(from, from + 16), SETUP);
  }
  const [bu, bw] = rows(c.bonds);
  for (let from = 0; from < bu.length; from += 16) {
    await h.setBondRows(bu.slice(from, from + 16), bw.slice(from, from + 16), SETUP);
  }
  const committed = c.commits.flatMap((k, i) => (k === undefined ? [] : [{ uid: i, ...k }]));
  if (committed.length > 0) {
    await h.setCommits(
      committed.map((k) => k.uid),
      committed.map((k) => ethers.id(`commit-${k.uid}`)),
      committed.map((k) => k.epoch),
      committed.map((k) => k.revealEpoch),
      committed.map((k) => k.block),
      SETUP,
    );
  }
  await h.configure(
    bitmap(c.permits),
    c.ownerUid === undefined ? ethers.ZeroAddress : c.hotkeys[c.ownerUid],
    hyperparameters(c.params),
    c.epochNumber,
    c.lastEpochBlock,
    c.emission,
    SETUP,
  );
}

interface Run {
  currentBlock: bigint;
  steps: number;
  gas: bigint[];
  paid: bigint;
}

const epochInterface = (await ethers.getContractFactory("YumaEpoch")).interface;
/** An explicit limit (under the 2^24 transaction cap) spares each epoch transaction a gas estimation. */
const GAS = { gasLimit: 16_000_000n };

/**
 * Runs an epoch: in one transaction (the harness's `runEpoch`) for small subnets, else as a start and one
 * transaction per step. Returns the start block, each transaction's gas and the amount paid.
 */
async function run(h: YumaEpochHarness, separateSteps = false, hints?: bigint[]): Promise<Run> {
  if (!separateSteps && hints === undefined) {
    const receipt = (await (await h.runEpoch(GAS)).wait())!;
    const log = receipt.logs.map((l) => h.interface.parseLog(l)).find((l) => l?.name === "EpochRun")!;
    return {
      currentBlock: BigInt(receipt.blockNumber),
      steps: Number(log.args[0]),
      gas: [],
      paid: log.args[1] as bigint,
    };
  }
  const startReceipt = (await (await h.start(GAS)).wait())!;
  const gas = [startReceipt.gasUsed];
  for (let steps = 1; steps <= 64; steps++) {
    const receipt = (await (await (hints === undefined ? h.step(GAS) : h.stepWithHints(hints, GAS))).wait())!;
    gas.push(receipt.gasUsed);
    const completed = receipt.logs.map((l) => epochInterface.parseLog(l)).find((l) => l?.name === "YumaEpochCompleted");
    if (completed)
      return { currentBlock: BigInt(startReceipt.blockNumber), steps, gas, paid: completed.args[0] as bigint };
  }
  throw new Error("epoch does not complete");
}

async function expectMatches(h: YumaEpochHarness, c: Case, out: EpochOutput, before: bigint[]): Promise<void> {
  const words = await h.metagraph();
  const after = await h.claimables(c.hotkeys);
  const field = (w: bigint, shift: number) => Number((w >> BigInt(shift)) & 0xffffn);
  for (let i = 0; i < c.n; i++) {
    const w = words[i];
    const label = `uid ${i}`;
    expect(field(w, 0), `${label} consensus`).to.equal(out.stored.consensus[i]);
    expect(field(w, 16), `${label} incentive`).to.equal(out.stored.incentive[i]);
    expect(field(w, 32), `${label} dividends`).to.equal(out.stored.dividends[i]);
    expect(field(w, 48), `${label} validator trust`).to.equal(out.stored.validatorTrust[i]);
    expect(field(w, 64), `${label} trust`).to.equal(fixedProportionToU16(out.trust[i]));
    const amount = out.serverEmission[i] + out.validatorEmission[i];
    expect(decodeMetagraphWord(w).emission, `${label} emission`).to.equal(
      amount > EMISSION_MAX ? EMISSION_MAX : amount,
    );
    // The server amount goes to the hotkey; of the validator amount, the take (all of it without stakers).
    const credited = after[i] - before[i];
    expect(credited >= out.serverEmission[i] && credited <= amount, `${label} credit ${credited}`).to.equal(true);
  }
  const rows = await h.bondRows();
  for (let i = 0; i < c.n; i++) {
    const expected = new Array<number>(c.n).fill(0);
    for (const [j, v] of out.bonds[i]) expected[j] = v;
    expect(
      rows[i].map((x) => x),
      `bonds row ${i}`,
    ).to.deep.equal(packRow(expected));
  }
  expect(await h.permits()).to.equal(bitmap(out.newValidatorPermits));
}

/** Total credited by the reference, as the contract credits it (server plus validator per UID). */
const referencePaid = (out: EpochOutput) =>
  out.serverEmission.reduce((acc, s, i) => acc + s + out.validatorEmission[i], 0n);

/**
 * The payment property: never more than the emission, and short of it by less than 2n(1 + E / 2^32) units, n the
 * number of UIDs. Each of the 2n amounts is floor(x * E / 2^32) of an I32F32 share x (losing under one unit), and
 * the shares, each floored in their normalisation, sum to at least 1 - 2n / 2^32 (losing under 2n * E / 2^32).
 * The exception: nothing to pay by (no incentive, no dividends, no stake) pays nothing.
 */
function expectPaidWithinDust(paid: bigint, emission: bigint, n: number, out: EpochOutput): void {
  expect(paid <= emission, "paid <= emission").to.equal(true);
  const nothingToPayBy = out.stake.every((x) => x === 0n) && out.incentive.every((x) => x === 0n);
  if (nothingToPayBy || n === 0) return;
  const dust = emission - paid;
  const bound = 2n * BigInt(n) * (emission + (1n << 32n));
  expect(dust << 32n < bound, `dust ${dust} within 2n(1 + E / 2^32)`).to.equal(true);
}

// ---------------------------------------------------------------------------------------------------------------
// Seeded random subnets
// ---------------------------------------------------------------------------------------------------------------

class Random {
  private state: bigint;
  constructor(seed: number) {
    this.state = BigInt(seed) * 0x9e3779b97f4a7c15n;
  }
  next(): bigint {
    // splitmix64
    this.state = (this.state + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
    let z = this.state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
    return z ^ (z >> 31n);
  }
  int(max: number): number {
    return Number(this.next() % BigInt(max));
  }
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.int(1_000_000) < p * 1_000_000;
  }
  big(bits: number): bigint {
    let x = 0n;
    for (let b = 0; b < bits; b += 64) x = (x << 64n) | this.next();
    return x & ((1n << BigInt(bits)) - 1n);
  }
  /** Another generator, drawn from this one's state without moving it: draws from it leave this stream as it was. */
  fork(): Random {
    return new Random(Number(this.state % 0x7fffffffn) + 1);
  }
  address(): string {
    return ethers.getAddress(`0x${this.big(160).toString(16).padStart(40, "0")}`);
  }
}

function randomStake(r: Random): bigint {
  const kind = r.int(6);
  if (kind === 0) return 0n;
  if (kind === 1) return BigInt(r.range(1, 1000));
  if (kind === 2) return r.big(63);
  if (kind === 3) return r.big(70); // above the cap: counts as 2^63 - 1
  return r.big(40);
}

function randomRow(r: Random, n: number, dense: boolean): number[] {
  const row = new Array<number>(n).fill(0);
  const fill = dense ? 1 : r.chance(0.5) ? 0.1 : 0.4;
  for (let j = 0; j < n; j++) {
    if (r.chance(fill)) row[j] = r.chance(0.1) ? U16_MAX : r.int(U16_MAX + 1);
  }
  return row;
}

/**
 * The UIDs a row names with a zero weight (bit j for UID j), as `set_weights` may send them: often none; else some
 * of the UIDs the row gives no weight (which it then names with zero rather than leaves out), after turning a few of
 * its weights into zeros; rarely a row of zeros alone. Mutates `row` (a fresh one).
 */
function randomZeros(r: Random, row: number[] | undefined): bigint | undefined {
  if (row === undefined || r.chance(0.4)) return undefined;
  if (r.chance(0.05)) row.fill(0);
  const named = r.chance(0.5) ? 0.15 : 0.6;
  let zeros = 0n;
  row.forEach((v, j) => {
    if (v !== 0 && r.chance(0.1)) row[j] = 0;
    if (row[j] === 0 && r.chance(named)) zeros |= 1n << BigInt(j);
  });
  return zeros;
}

/** A random subnet whose epoch starts at `currentBlock`; `rows` validators (spread evenly) when given. */
function randomCase(r: Random, n: number, currentBlock: bigint, rows?: number, denseRows?: boolean): Case {
  const hotkeys = Array.from({ length: n }, () => r.address());
  const blockIn = (lo: bigint, hi: bigint) => lo + (r.next() % (hi - lo + 1n));
  const recent = currentBlock > 400n ? currentBlock - 400n : 0n;
  const registeredAt = Array.from({ length: n }, () => (r.chance(0.3) ? 0n : blockIn(recent, currentBlock)));
  const lastUpdate = Array.from({ length: n }, () => (r.chance(0.15) ? 0n : blockIn(recent, currentBlock)));
  const permits = Array.from({ length: n }, (_, i) =>
    rows === undefined ? r.chance(0.6) : i % Math.ceil(n / rows) === 0,
  );
  const ownerUid = r.chance(0.5) ? r.int(n) : undefined;
  const dense = denseRows ?? r.chance(0.4);
  const weights = Array.from({ length: n }, (_, i) =>
    permits[i] || i === ownerUid || (rows === undefined && r.chance(0.3)) ? randomRow(r, n, dense) : undefined,
  );
  // Bonds exist only on rows that held a permit (the previous epoch clears the others).
  const bonds = Array.from({ length: n }, (_, i) =>
    (permits[i] || i === ownerUid) && r.chance(0.7) ? randomRow(r, n, dense) : undefined,
  );
  const commitReveal = r.chance(0.4);
  const epochNumber = BigInt(r.range(0, 6));
  // Each commit keeps its own reveal epoch, whatever the reveal period is now (drawn from a fork: see `zeros`).
  const cr = r.fork();
  const commits = Array.from({ length: n }, () => {
    if (!r.chance(0.4)) return undefined;
    const epoch = BigInt(r.range(0, 6));
    return { epoch, revealEpoch: epoch + BigInt(cr.range(1, 3)), block: blockIn(recent, currentBlock) };
  });
  const penaltyKind = r.int(3);
  const params = defaultParams({
    tempo: BigInt(r.range(1, 400)),
    maxValidators: r.chance(0.2) ? r.range(0, 4) : r.range(1, 64),
    kappa: r.chance(0.3) ? 32767 : r.int(U16_MAX + 1),
    bondsMovingAverage: r.chance(0.3) ? 900_000n : BigInt(r.range(0, 1_000_000)),
    bondsPenalty: penaltyKind === 0 ? U16_MAX : penaltyKind === 1 ? 0 : r.int(U16_MAX + 1),
    activityCutoff: BigInt(r.chance(0.5) ? 5000 : r.range(0, 500)),
    commitReveal,
    revealPeriod: r.range(1, 3),
    yuma3: r.chance(0.35),
  });
  const emissionKind = r.int(3);
  const emission = emissionKind === 0 ? 1_000_000_000n : emissionKind === 1 ? r.big(80) : 10n ** 24n + r.big(40);
  const stakes = hotkeys.map(() => randomStake(r));
  if (params.yuma3 && r.chance(0.5)) params.liquidAlpha = randomLiquidAlpha(r);
  // From a fork, so that the rest of the case (and what is drawn after it) is as without zeros.
  const zr = r.fork();
  const zeros = weights.map((row) => randomZeros(zr, row));
  return {
    n,
    hotkeys,
    stakes,
    registeredAt,
    lastUpdate,
    weights,
    zeros,
    bonds,
    permits,
    ownerUid,
    commits,
    params,
    epochNumber,
    lastEpochBlock: r.chance(0.5) ? 0n : blockIn(recent, currentBlock - 1n),
    emission,
  };
}

/** Liquid alpha's parameters: subtensor's test values, its defaults, or any within the bounds. */
function randomLiquidAlpha(r: Random): LiquidAlpha {
  const kind = r.int(3);
  if (kind === 0) return { ...LIQUID_ALPHA };
  if (kind === 1) return { ...DEFAULT_LIQUID_ALPHA };
  const a = r.range(1638, U16_MAX);
  const b = r.range(1638, U16_MAX);
  return {
    alphaLow: Math.min(a, b),
    alphaHigh: Math.max(a, b),
    steepness: r.chance(0.2) ? r.range(0, 10) : r.range(0, 32767),
  };
}

/** The case one epoch later: the epoch's bonds and permits, some weights changed, the clock moved on. */
function nextCase(r: Random, c: Case, out: EpochOutput, started: bigint, currentBlock: bigint): Case {
  const bonds = out.bonds.map((row) => {
    if (row.length === 0) return undefined;
    const dense = new Array<number>(c.n).fill(0);
    for (const [j, v] of row) dense[j] = v;
    return dense;
  });
  const zr = r.fork();
  const weights = c.weights.map((row) => (r.chance(0.2) ? randomRow(r, c.n, r.chance(0.5)) : row));
  const zeros = c.zeros.map((z, i) => (weights[i] !== c.weights[i] ? randomZeros(zr, weights[i]) : z));
  const lastUpdate = c.lastUpdate.map((b) => (r.chance(0.3) ? currentBlock - 1n : b));
  return {
    ...c,
    bonds,
    weights,
    zeros,
    lastUpdate,
    permits: out.newValidatorPermits,
    epochNumber: c.epochNumber + 1n,
    lastEpochBlock: started,
  };
}

// ---------------------------------------------------------------------------------------------------------------

describe("subnets: YumaEpoch", function () {
  async function deployFixture() {
    // A chain far enough along that registration and update blocks can lie hundreds of blocks back.
    await networkHelpers.mine(1_000);
    const library = await ethers.deployContract("YumaEpoch");
    const libraries = { YumaEpoch: await library.getAddress() };
    const deploy = async () =>
      (await ethers.deployContract("YumaEpochHarness", { libraries })) as unknown as YumaEpochHarness;
    return { library, deploy };
  }

  /**
   * Writes a case, runs its epoch on the contract and the reference, and compares everything. `guess` makes the
   * consensus guesses the steps send (none by default) from the reference's consensus for the start block.
   */
  async function check(
    h: YumaEpochHarness,
    c: Case,
    guess?: (consensus: bigint[]) => bigint[],
  ): Promise<{ out: EpochOutput; run: Run }> {
    await write(h, c);
    const before = await h.claimables(c.hotkeys);
    const startBlock = BigInt(await ethers.provider.getBlockNumber()) + 1n;
    const hints = guess?.(runEpoch(referenceInput(c, startBlock)).consensus);
    const result = await run(h, c.n > 64, hints);
    if (hints !== undefined) expect(result.currentBlock).to.equal(startBlock);
    const out = runEpoch(referenceInput(c, result.currentBlock));
    await expectMatches(h, c, out, before);
    expect(result.paid).to.equal(referencePaid(out));
    expectPaidWithinDust(result.paid, c.emission, c.n, out);
    expect(await h.phase()).to.equal(0n);
    return { out, run: result };
  }

  /** A subtensor test scenario: `stakes.length` UIDs registered at block 0, nothing set yet. */
  function scenario(stakes: bigint[], params: Params, hotkeyBase: number): Case {
    const n = stakes.length;
    return {
      n,
      hotkeys: Array.from({ length: n }, (_, i) =>
        ethers.getAddress(`0x${(i + hotkeyBase).toString(16).padStart(40, "0")}`),
      ),
      stakes,
      registeredAt: new Array<bigint>(n).fill(0n),
      lastUpdate: new Array<bigint>(n).fill(0n),
      weights: new Array<number[] | undefined>(n).fill(undefined),
      zeros: new Array<bigint | undefined>(n).fill(undefined),
      bonds: new Array<number[] | undefined>(n).fill(undefined),
      permits: new Array<boolean>(n).fill(false),
      commits: new Array<Commit | undefined>(n).fill(undefined),
      params,
      epochNumber: 0n,
      lastEpochBlock: 0n,
      emission: 1_000_000_000n,
    };
  }

  /** Runs a scenario's epoch through both, then carries its bonds and permits into the scenario. */
  async function scenarioEpoch(h: YumaEpochHarness, c: Case): Promise<{ out: EpochOutput; run: Run }> {
    const result = await check(h, c);
    c.bonds = result.out.bonds.map((row) => {
      const dense = new Array<number>(c.n).fill(0);
      for (const [j, v] of row) dense[j] = v;
      return dense;
    });
    c.permits = result.out.newValidatorPermits;
    return result;
  }

  describe("subtensor test_bonds through the contract", function () {
    it("matches the golden bonds and emission of all seven epochs", async function () {
      const { deploy } = await loadFixture(deployFixture);
      const h = await deploy();
      const N = 8;
      const c = scenario([...TEST_BONDS_STAKES], defaultParams({ tempo: 1n, maxValidators: N }), 1);
      let block = 0n;
      const setWeights = (uid: number, dests: number[], values: number[]) => {
        const max = Math.max(...values);
        const row = new Array<number>(N).fill(0);
        dests.forEach((d, k) => {
          row[d] = Number((BigInt(values[k]) * BigInt(U16_MAX)) / BigInt(max));
        });
        c.weights[uid] = row;
        c.lastUpdate[uid] = block;
      };
      const epoch = async () => {
        const { out, run: result } = await scenarioEpoch(h, c);
        // A subnet of 8 UIDs completes in one step.
        expect(result.steps).to.equal(1);
        return out;
      };
      const col = async (j: number) => {
        const rows = await h.bondRows();
        return [0, 1, 2, 3].map((i) => Number((rows[i][j >> 4] >> BigInt(16 * (j & 15))) & 0xffffn));
      };
      const emissions = async () => (await h.metagraph()).map((w) => decodeMetagraphWord(w).emission);

      await epoch();
      expect(await h.permits()).to.equal(0x0fn);
      block += 1n;
      for (const step of TEST_BONDS) {
        for (const [uid, dests, values] of step.weights) setWeights(uid, dests, values);
        if (step.nextBlock) block += 1n;
        await epoch();
        expect(await col(step.column), step.name).to.deep.equal(step.bonds);
        if (step.emission !== undefined) expect(await emissions(), step.name).to.deep.equal(step.emission);
      }
    });
  });

  describe("unclaimed rewards", function () {
    it("accrue in each UID's metagraph word, and move to the coldkey's balance rather than overflow it", async function () {
      const { deploy } = await loadFixture(deployFixture);
      const h = await deploy();
      const N = 8;
      const c = scenario([1n, 2n, 3n, 4n, 0n, 0n, 0n, 0n], defaultParams({ tempo: 1n, maxValidators: N }), 1);
      await scenarioEpoch(h, c);
      for (let uid = 0; uid < N / 2; uid++) {
        c.weights[uid] = [0, 0, 0, 0, 16383, 32767, 49149, 65535];
        c.lastUpdate[uid] = 1n;
      }
      // UID 5 is a unit short of the field's capacity; UID 6 holds a little.
      const full = (1n << 80n) - 1n;
      await h.setUnclaimed(5, full - 1n);
      await h.setUnclaimed(6, 7n);
      const { out } = await scenarioEpoch(h, c);
      const words = (await h.metagraph()).map(decodeMetagraphWord);
      for (const uid of [4, 6, 7])
        expect(words[uid].unclaimed, `uid ${uid}`).to.equal(out.serverEmission[uid] + (uid === 6 ? 7n : 0n));
      expect(out.serverEmission[5] > 1n).to.equal(true);
      expect(words[5].unclaimed).to.equal(0n);
      expect(await h.claimableBalance(c.hotkeys[5])).to.equal(full - 1n + out.serverEmission[5]);
      expect(await h.claimableBalance(c.hotkeys[4])).to.equal(0n);
    });
  });

  describe("subtensor test_yuma_3_liquid_alpha_disabled through the contract", function () {
    it("meets the Yuma3 dividends and bonds of its six epochs", async function () {
      const { deploy } = await loadFixture(deployFixture);
      const h = await deploy();
      // Three validators of equal stake and two servers; bonds penalty 0, bonds moving average 0.975, Yuma3 on.
      const c = scenario(
        [33n, 33n, 34n, 0n, 0n],
        defaultParams({ tempo: 1n, maxValidators: 3, bondsPenalty: 0, bondsMovingAverage: 975_000n, yuma3: true }),
        0x31,
      );
      const epoch = async () => (await scenarioEpoch(h, c)).out;
      const pinned: number[][] = [];

      // The first epoch issues the permits.
      await epoch();
      expect(await h.permits()).to.equal(0b00111n);
      for (let e = 0; e < 6; e++) {
        const block = BigInt(e + 1);
        for (let v = 0; v < 3; v++) {
          // Epoch 2: validator 2 moves to server 4; otherwise every validator weights server 3. Both servers are
          // named, the other with a zero, as subtensor's test sets them.
          const moved = e === 2 && v === 2;
          c.weights[v] = moved ? [0, 0, 0, 0, U16_MAX] : [0, 0, 0, U16_MAX, 0];
          c.zeros[v] = moved ? 1n << 3n : 1n << 4n;
          c.lastUpdate[v] = block;
        }
        const out = await epoch();
        const words = await h.metagraph();
        const rows = await h.bondRows();
        expectYuma3Targets(
          e,
          (i) => Number((words[i] >> 32n) & 0xffffn),
          (v, j) => Number((rows[v][0] >> BigInt(16 * j)) & 0xffffn),
        );
        pinned.push([
          ...out.stored.dividends.slice(0, 3),
          ...[0, 1, 2].flatMap((v) => [3, 4].map((j) => c.bonds[v]![j])),
        ]);
      }
      // The integers themselves, so that any change of the arithmetic shows: dividends of validators 0-2, then
      // the bonds of validators 0-2 on servers 3 and 4.
      expect(pinned).to.deep.equal(YUMA3_PINNED);
    });
  });

  /** A liquid alpha scenario of subtensor's (its setup, with `steepness`), before its first epoch. */
  function liquidCase(sc: LiquidScenario, steepness: number): Case {
    const liquidAlpha = { ...LIQUID_ALPHA, steepness };
    const params = defaultParams({
      tempo: 1n,
      maxValidators: 3,
      bondsPenalty: 0,
      bondsMovingAverage: 975_000n,
      yuma3: true,
      liquidAlpha,
    });
    return scenario([...sc.stakes], params, 0x41);
  }

  /**
   * Validators 0-2's weights of epoch `e` of a liquid alpha scenario (over the servers from UID 3), if it sets any:
   * every server named, zeros included, as subtensor's test sets them.
   */
  function setLiquidWeights(c: Case, sc: LiquidScenario, e: number): void {
    const rows = sc.weights(e);
    if (rows === undefined) return;
    for (let v = 0; v < 3; v++) {
      c.weights[v] = [0, 0, 0, ...rows[v]];
      c.zeros[v] = rows[v].reduce((z, x, k) => (x === 0 ? z | (1n << BigInt(3 + k)) : z), 0n);
      c.lastUpdate[v] = BigInt(e + 1);
    }
  }

  describe("subtensor's Yuma3 tests with liquid alpha through the contract", function () {
    it("agrees with the reference where the exponential takes its special cases", async function () {
      this.timeout(300_000);
      // Steepness 200 makes the exponent exactly 1 wherever the weight agrees with consensus (e^1 is then
      // substrate-fixed's constant, not the series); steepness 0 makes it 0 everywhere.
      for (const steepness of [200, 0]) {
        const { deploy } = await loadFixture(deployFixture);
        const h = await deploy();
        const sc = LIQUID_SCENARIOS[0];
        const c = liquidCase(sc, steepness);
        await scenarioEpoch(h, c);
        for (let e = 0; e < sc.epochs; e++) {
          setLiquidWeights(c, sc, e);
          // Equal to the reference in every field (checked inside).
          await scenarioEpoch(h, c);
        }
      }
    });

    for (const sc of LIQUID_SCENARIOS) {
      it(`meets ${sc.name}`, async function () {
        this.timeout(300_000);
        const { deploy } = await loadFixture(deployFixture);
        const h = await deploy();
        const c = liquidCase(sc, LIQUID_ALPHA.steepness);
        // Each epoch's results equal the reference's (checked inside); the targets are then read from the contract.
        await scenarioEpoch(h, c);
        expect(await h.permits()).to.equal(0b111n);
        for (let e = 0; e < sc.epochs; e++) {
          setLiquidWeights(c, sc, e);
          if (e === sc.resetAt) for (const row of c.bonds) if (row) row[3] = 0;
          await scenarioEpoch(h, c);
          const dividends = sc.dividends.get(e);
          const bonds = sc.bonds.get(e);
          if (dividends === undefined || bonds === undefined) continue;
          const words = await h.metagraph();
          const stored = await h.bondRows();
          dividends.forEach((t, i) => {
            expectNear(Number((words[i] >> 32n) & 0xffffn), t, `epoch ${e} dividends ${i}`);
          });
          for (let v = 0; v < 3; v++) {
            bonds[v].forEach((t, k) => {
              const j = 3 + k;
              expectNear(Number((stored[v][0] >> BigInt(16 * j)) & 0xffffn), t, `epoch ${e} bond ${v},${j}`);
            });
          }
        }
      });
    }
  });

  describe("consensus exactness through the contract", function () {
    it("consensus exactness: under liquid alpha a bond on a UID the validator no longer names vanishes, one it names with zero decays", async function () {
      const { deploy } = await loadFixture(deployFixture);
      const block = BigInt(await ethers.provider.getBlockNumber());
      // The reproducer's subnet (vectors.ts), its blocks moved to now: no mask applies, as in the reproducer.
      const input = consensusExactnessCase();
      const dense = (row: ReadonlyArray<readonly [number, number]>) => {
        const out = new Array<number>(4).fill(0);
        for (const [j, v] of row) out[j] = v;
        return out;
      };
      const c: Case = {
        ...scenario(
          [...input.stakes],
          defaultParams({ tempo: 10n, bondsPenalty: 0, yuma3: true, liquidAlpha: input.liquidAlpha }),
          0x61,
        ),
        weights: input.weights.map(dense),
        bonds: input.bonds.map(dense),
        permits: [...input.validatorPermits],
        lastUpdate: [block - 5n, block - 5n, 0n, 0n],
        lastEpochBlock: block - 10n,
      };
      // Equal to the reference in every field (checked inside), and to subtensor's sparse epoch.
      const { out } = await check(await deploy(), c);
      expect(out.stored.dividends.slice(0, 2)).to.deep.equal([31077, 34457]);
      expect(out.bonds[0].map(([j]) => j)).to.deep.equal([2]);
      // The same with UID 3 named by a zero weight: an entry, whose bond decays rather than vanishes.
      const named = await check(await deploy(), { ...c, zeros: [1n << 3n, undefined, undefined, undefined] });
      expect(named.out.bonds[0].map(([j]) => j)).to.deep.equal([2, 3]);
    });
  });

  describe("differential: random subnets, two consecutive epochs, contract against reference", function () {
    const CASES = Number(process.env.EPOCH_FUZZ_CASES ?? 100);
    it(`agrees on ${CASES} random subnets of 1 to 48 UIDs`, async function () {
      this.timeout(600_000);
      const { deploy } = await loadFixture(deployFixture);
      for (let seed = 1; seed <= CASES; seed++) {
        const r = new Random(seed);
        const n = r.range(1, 48);
        const h = await deploy();
        const block = BigInt(await ethers.provider.getBlockNumber());
        // Blocks of the case lie before the epoch's start (about 16 transactions ahead).
        const c = randomCase(r, n, block);
        try {
          const first = await check(h, c);
          await networkHelpers.mine(r.range(1, 5));
          const now = BigInt(await ethers.provider.getBlockNumber());
          await check(h, nextCase(r, c, first.out, first.run.currentBlock, now));
        } catch (error) {
          throw new Error(`seed ${seed} (n = ${n}): ${(error as Error).message}`);
        }
      }
    });

    it("agrees on subnets of 256 UIDs with 64 validators, dense and sparse, classic and Yuma3 bonds, liquid alpha", async function () {
      this.timeout(600_000);
      const { deploy } = await loadFixture(deployFixture);
      for (let seed = 1001; seed <= 1004; seed++) {
        const r = new Random(seed);
        const h = await deploy();
        const block = BigInt(await ethers.provider.getBlockNumber());
        const drawn = randomCase(r, 256, block, 64, seed !== 1002);
        // 1003: Yuma3; 1004: Yuma3 with liquid alpha, subtensor's defaults.
        const liquidAlpha = seed === 1004 ? { ...DEFAULT_LIQUID_ALPHA } : undefined;
        const c = { ...drawn, params: { ...drawn.params, yuma3: seed >= 1003, liquidAlpha } };
        const first = await check(h, c);
        for (const g of first.run.gas) expect(g <= 10_000_000n, `step gas ${first.run.gas.join(" ")}`).to.equal(true);
        await networkHelpers.mine(2);
        const now = BigInt(await ethers.provider.getBlockNumber());
        const second = await check(h, nextCase(r, c, first.out, first.run.currentBlock, now));
        for (const g of second.run.gas) expect(g <= 10_000_000n, `step gas ${second.run.gas.join(" ")}`).to.equal(true);
      }
    });
  });

  describe("consensus guesses", function () {
    it("change no result, and the reference's cost less after new weights", async function () {
      this.timeout(600_000);
      const { deploy } = await loadFixture(deployFixture);
      const r = new Random(2001);
      const h = await deploy();
      const block = BigInt(await ethers.provider.getBlockNumber());
      const c = randomCase(r, 256, block, 64, true);
      const first = await check(h, c);
      await networkHelpers.mine(2);
      const now = BigInt(await ethers.provider.getBlockNumber());
      // New weights for every row: no previous consensus is a median any more.
      const renewed = nextCase(r, c, first.out, first.run.currentBlock, now);
      const next = { ...renewed, weights: renewed.weights.map((row) => row && randomRow(r, 256, true)) };
      const total = (gas: bigint[]) => gas.reduce((a, b) => a + b, 0n);
      const gasOf = async (guess?: (consensus: bigint[]) => bigint[]) => {
        const snapshot = await networkHelpers.takeSnapshot();
        const { run: ran } = await check(h, next, guess);
        await snapshot.restore();
        return total(ran.gas);
      };
      const unguessed = await gasOf(() => []);
      const guessed = await gasOf((consensus) => packConsensusHints(consensus));
      // Wrong guesses of every kind: a short array, values off by one, garbage.
      const short = await gasOf((consensus) => packConsensusHints(consensus).slice(0, 10));
      await gasOf((consensus) => packConsensusHints(consensus.map((v) => v + 1n)));
      await gasOf(() => Array.from({ length: 64 }, (_, q) => BigInt(q) * 0x1234567890abcdefn));
      expect(guessed < unguessed, `guessed ${guessed}, unguessed ${unguessed}`).to.equal(true);
      expect(short >= guessed && short <= unguessed, `short ${short}`).to.equal(true);
    });
  });

  describe("errors", function () {
    it("refuses to start while an epoch runs", async function () {
      const { deploy, library } = await loadFixture(deployFixture);
      const h = await deploy();
      const r = new Random(7);
      await write(h, randomCase(r, 4, BigInt(await ethers.provider.getBlockNumber())));
      await h.start();
      await expect(h.start()).to.be.revertedWithCustomError(library, "YumaEpochRunning").withArgs(1);
    });

    it("refuses a step while no epoch runs", async function () {
      const { deploy, library } = await loadFixture(deployFixture);
      const h = await deploy();
      await expect(h.step()).to.be.revertedWithCustomError(library, "YumaEpochNotRunning");
    });
  });
});
