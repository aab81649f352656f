// Gas of the Yuma epoch on the in-process chain, whole-transaction (the 21,000 base included), for V validators
// and n UIDs with dense weights (every validator weights every UID) and dense bonds, in the steady state: the
// measured epoch is the second, so bonds, metagraph words, credits and the epoch's scratch slots all exist.
import type { NetworkConnection } from "hardhat/types/network";

import { SUBNET_DEFAULTS } from "../test/fixtures/subnets.js";
import type { YumaEpochHarness } from "../types/typechain/index.js";
import type { GasEntry } from "./registry.js";

const SHAPES: ReadonlyArray<readonly [validators: number, uids: number]> = [
  [8, 32],
  [16, 64],
  [32, 128],
  [64, 256],
];
/** Targets of the largest subnet: 30M for a whole epoch, 10M for any one transaction of it. */
const TOTAL_TARGET = 30_000_000;
const STEP_TARGET = 10_000_000;
/** Below the 2^24 transaction gas cap, so that an oversized step is measured rather than refused. */
const GAS_LIMIT = 16_000_000n;

/** Deterministic nonzero u16 weights: the figures do not move between runs. */
const weightOf = (i: number, j: number) => 1 + ((i * 7919 + j * 104729 + 17) % 65535);
/** Other weights for the same subnet, as validators would set them for a later epoch. */
const newWeightOf = (i: number, j: number) => 1 + ((i * 104729 + j * 7919 + 31) % 65535);

function packRow(values: ReadonlyArray<number>): bigint[] {
  const words = new Array<bigint>(16).fill(0n);
  values.forEach((v, j) => {
    words[j >> 4] |= BigInt(v) << BigInt(16 * (j & 15));
  });
  return words;
}

/**
 * Gas of one epoch (its start and every step) on `harness`, each a transaction of its own; the steps of the
 * consensus pass carry `hints` (consensus guesses) when given.
 */
async function epochGas(harness: YumaEpochHarness, hints?: bigint[]): Promise<number[]> {
  const gas: number[] = [];
  const send = async (tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>) =>
    gas.push(Number((await (await tx).wait())!.gasUsed));
  await send(harness.start({ gasLimit: GAS_LIMIT }));
  for (let phase = await harness.phase(); phase !== 0n; phase = await harness.phase()) {
    // As the SDK's keeper: the guesses go only to the steps that run the consensus pass.
    await send(
      hints && phase === 1n
        ? harness.stepWithHints(hints, { gasLimit: GAS_LIMIT })
        : harness.step({ gasLimit: GAS_LIMIT }),
    );
  }
  return gas;
}

/**
 * Dense weights of the first `validators` UIDs over all `uids`, by `weight(i, j)`; row `i` names with a zero
 * weight the UIDs of `zeros(i)` (a bitmap), none by default.
 */
async function writeWeights(
  harness: YumaEpochHarness,
  validators: number,
  uids: number,
  weight: (i: number, j: number) => number,
  zeros: (i: number) => bigint = () => 0n,
): Promise<void> {
  const rows = Array.from({ length: validators }, (_, i) =>
    packRow(Array.from({ length: uids }, (_, j) => weight(i, j))),
  );
  for (let from = 0; from < validators; from += 16) {
    const ids = Array.from({ length: Math.min(16, validators - from) }, (_, k) => from + k);
    await harness.setWeightRows(ids, rows.slice(from, from + 16), ids.map(zeros));
  }
}

/** The default hyperparameters for `validators` permits, with Yuma3 and liquid alpha as asked; no prices or emission. */
function params(validators: number, yuma3 = false, liquidAlpha = false) {
  return {
    ...SUBNET_DEFAULTS,
    maxValidators: validators,
    yuma3,
    liquidAlpha,
    minPrice: 0,
    maxPrice: 0,
    priceHalfLife: 1,
    emission: 0,
  };
}

/** A subnet of `uids` UIDs whose first `validators` hold all the stake (hence the permits) and weight every UID. */
async function denseSubnet(connection: NetworkConnection, validators: number, uids: number) {
  const { ethers } = connection;
  const library = await ethers.deployContract("YumaEpoch");
  const harness = (await ethers.deployContract("YumaEpochHarness", {
    libraries: { YumaEpoch: await library.getAddress() },
  })) as unknown as YumaEpochHarness;
  const hotkeys = Array.from({ length: uids }, (_, i) =>
    ethers.getAddress(`0x${(0xbe00 + i).toString(16).padStart(40, "0")}`),
  );
  await harness.setN(uids);
  for (let from = 0; from < uids; from += 64) {
    const batch = hotkeys.slice(from, from + 64);
    await harness.setNeurons(
      from,
      batch,
      batch.map(() => 1n),
    );
    await harness.setStakes(
      batch,
      batch.map((_, k) => (from + k < validators ? BigInt(1_000 + from + k) * 10n ** 9n : 0n)),
    );
  }
  await writeWeights(harness, validators, uids, weightOf);
  await harness.setParams(params(validators));
  await harness.setOwnerHotkey(hotkeys[0]);
  // The validators already hold their permits (as a previous epoch would have issued them).
  await harness.setPermits((1n << BigInt(validators)) - 1n);
  await harness.setEpochEmission(10n ** 21n);
  return harness;
}

export async function measureEpoch(connection: NetworkConnection): Promise<GasEntry[]> {
  const { ethers } = connection;
  const entries: GasEntry[] = [];
  for (const [validators, uids] of SHAPES) {
    const harness = await denseSubnet(connection, validators, uids);
    const block = BigInt(await ethers.provider.getBlockNumber());
    // First epoch: issues the permits and writes dense bonds; its figures are not the steady state.
    await harness.setLastUpdates(
      0,
      Array.from({ length: uids }, () => block),
    );
    await epochGas(harness);
    await harness.setEpochs(1, block + 1n);
    const gas = await epochGas(harness);
    const largest = validators === 64 && uids === 256;
    const name = `subnets.epoch.V${validators}xN${uids}`;
    const total = gas.reduce((a, b) => a + b, 0);
    entries.push({
      name: `${name}.total`,
      gas: total,
      ...(largest ? { target: TOTAL_TARGET } : {}),
    });
    entries.push({ name: `${name}.maxStep`, gas: Math.max(...gas), ...(largest ? { target: STEP_TARGET } : {}) });
    if (largest) {
      // The next epoch after every validator has set new weights: first without guesses (every median selected),
      // then again from the same state with the guesses a keeper sends through the SDK, the reference epoch's
      // consensus (equal to the contract's, which is where they are read from here).
      await writeWeights(harness, validators, uids, newWeightOf);
      await harness.setEpochs(2, BigInt(await ethers.provider.getBlockNumber()));
      const snapshot = await connection.networkHelpers.takeSnapshot();
      const unguessed = await epochGas(harness);
      const hints = [...(await harness.consensusWords())];
      await snapshot.restore();
      entries.push({ name: `${name}.newWeights.noHints.total`, gas: unguessed.reduce((a, b) => a + b, 0) });
      // The same epoch after a registration since the validators' weights (UID 255 taken by a new hotkey): its
      // column is masked (so every row's sum and every consensus moves) and its bonds dropped, and the epoch reads
      // the registration blocks of its word-column. The guesses are again the reference's for that state.
      const registerLast = async () => {
        const hotkey = ethers.getAddress(`0x${(0xbf00).toString(16).padStart(40, "0")}`);
        await harness.setNeurons(uids - 1, [hotkey], [BigInt(await ethers.provider.getBlockNumber())]);
      };
      await registerLast();
      await epochGas(harness);
      const registeredHints = [...(await harness.consensusWords())];
      await snapshot.restore();
      await registerLast();
      const registered = await epochGas(harness, registeredHints);
      await snapshot.restore();
      const renewed = await epochGas(harness, hints);
      entries.push({ name: `${name}.newWeights.total`, gas: renewed.reduce((a, b) => a + b, 0), target: TOTAL_TARGET });
      entries.push({ name: `${name}.newWeights.maxStep`, gas: Math.max(...renewed), target: STEP_TARGET });
      entries.push({
        name: `${name}.newWeights.registered.total`,
        gas: registered.reduce((a, b) => a + b, 0),
        target: TOTAL_TARGET,
      });
      entries.push({
        name: `${name}.newWeights.registered.maxStep`,
        gas: Math.max(...registered),
        target: STEP_TARGET,
      });
      // The steady epoch under Yuma3, then with liquid alpha (subtensor's defaults): the first epoch of each
      // turns the bonds over, the second is measured.
      let epochNumber = 3;
      for (const [label, liquid] of [
        ["yuma3", false],
        ["yuma3.liquidAlpha", true],
      ] as const) {
        await harness.setParams(params(validators, true, liquid));
        for (let round = 0; round < 2; round++) {
          await harness.setEpochs(epochNumber++, BigInt(await ethers.provider.getBlockNumber()));
          const steps = await epochGas(harness);
          if (round === 0) continue;
          entries.push({ name: `${name}.${label}.total`, gas: steps.reduce((a, b) => a + b, 0) });
          entries.push({ name: `${name}.${label}.maxStep`, gas: Math.max(...steps), target: STEP_TARGET });
        }
      }
      // Liquid alpha at its dearest: the validators holding most of the stake name every other UID with a zero
      // weight (so those columns' consensus is zero) while the others weight them, so that each row's bonds are
      // sorted out lane by lane: named zeros kept, weights whose weight for bonds comes out zero dropped.
      const even = BigInt(`0x${"5555".repeat(uids / 16)}`);
      const upper = (i: number) => i >= validators / 2;
      await writeWeights(
        harness,
        validators,
        uids,
        (i, j) => (upper(i) && j % 2 === 0 ? 0 : newWeightOf(i, j)),
        (i) => (upper(i) ? even : 0n),
      );
      for (let round = 0; round < 2; round++) {
        await harness.setEpochs(epochNumber++, BigInt(await ethers.provider.getBlockNumber()));
        const steps = await epochGas(harness);
        if (round === 0) continue;
        entries.push({ name: `${name}.yuma3.liquidAlpha.namedZeros.total`, gas: steps.reduce((a, b) => a + b, 0) });
        entries.push({
          name: `${name}.yuma3.liquidAlpha.namedZeros.maxStep`,
          gas: Math.max(...steps),
          target: STEP_TARGET,
        });
      }
    }
  }
  return entries;
}
