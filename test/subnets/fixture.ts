import { AbiCoder, keccak256, type ContractTransactionReceipt, type LogDescription } from "ethers";
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";

import { deployLinked } from "../utils/linked.js";
import { epochSplit } from "../../sdk/src/subnets/actions.js";
import { predictEpoch, type SubnetEpochState } from "../../sdk/src/subnets/preview.js";
import type { SubnetHyperparameters } from "../../sdk/src/subnets/types.js";
import type { MockSubnetToken, SubnetsHarness } from "../../types/typechain/index.js";
import type { HyperparametersStruct } from "../../types/typechain/interfaces/ISubnets.js";

// Shared by the adversarial and conservation tests of the subnet contract: deployment with its linked libraries,
// commit hashes, running an epoch to its end with its events, and the state the epoch preview reads.

export const ONE = 10n ** 18n;
export const U16 = 65_535n;
export const SALT = keccak256("0x5a17");
/** A CIDv1 (raw, sha2-256), distinct per `n`. */
export const cid = (n: number) => `0x01551220${n.toString(16).padStart(64, "0")}`;

/** A small subnet, so that epochs, immunity and the price's half-life pass in a few blocks. */
export const BASE_PARAMS: HyperparametersStruct = {
  tempo: 20,
  maxUids: 8,
  maxValidators: 4,
  immunityPeriod: 30,
  minNonImmuneUids: 1,
  kappa: 32_767,
  bondsMovingAverage: 900_000,
  bondsPenalty: 65_535,
  activityCutoff: 5_000,
  weightsRateLimit: 1,
  minAllowedWeights: 1,
  weightsVersionKey: 0n,
  commitReveal: true,
  revealPeriod: 1,
  yuma3: false,
  liquidAlpha: false,
  alphaLow: 45_875,
  alphaHigh: 58_982,
  alphaSigmoidSteepness: 1000,
  bondsReset: false,
  ownerCut: 11_796,
  minPrice: ONE,
  maxPrice: 1000n * ONE,
  priceHalfLife: 1_000,
  emission: 100n * ONE,
  keeperReward: 0n,
};

/** Deploys the subnet harness with every library it links. */
export async function deploySubnets(ethers: HardhatEthers, owner: string, fee: bigint): Promise<SubnetsHarness> {
  return (await deployLinked(ethers, "SubnetsHarness", [owner, fee])) as unknown as SubnetsHarness;
}

export async function deployToken(ethers: HardhatEthers, symbol: string): Promise<MockSubnetToken> {
  return (await ethers.deployContract("MockSubnetToken", [symbol, 18])) as unknown as MockSubnetToken;
}

/**
 * Subnet 1 with `params` over {@link BASE_PARAMS}, created and funded (10,000 tokens) by `signers[1]` on a fresh
 * subnet contract owned by `signers[0]`; the first `funded` signers (all by default) hold and approve a million of
 * each token, and `hotkeys` signers from index 2 register in order as UIDs 0, 1, ...
 */
export async function subnetWith(
  ethers: HardhatEthers,
  signers: HardhatEthersSigner[],
  params: Partial<HyperparametersStruct>,
  hotkeys: number,
  funded = signers.length,
) {
  const [protocol, owner] = signers;
  const subnets = await deploySubnets(ethers, protocol.address, 0n);
  const stakeToken = await deployToken(ethers, "STK");
  const rewardToken = await deployToken(ethers, "RWD");
  for (const s of signers.slice(0, funded)) {
    await stakeToken.mint(s.address, 1_000_000n * ONE);
    await rewardToken.mint(s.address, 1_000_000n * ONE);
    await stakeToken.connect(s).approve(subnets.target, ethers.MaxUint256);
    await rewardToken.connect(s).approve(subnets.target, ethers.MaxUint256);
  }
  await subnets.connect(owner).createSubnet({
    stakeToken: stakeToken.target as string,
    rewardToken: rewardToken.target as string,
    model: 0n,
    metadataCid: cid(1),
    hyperparameters: { ...BASE_PARAMS, ...params },
  });
  await subnets.connect(owner).fund(1n, 10_000n * ONE);
  for (const h of signers.slice(2, 2 + hotkeys)) await subnets.connect(h).register(1n, h.address, h.address, ethers.MaxUint256);
  return { subnets, stakeToken, rewardToken };
}

/** The hash {commitWeights} takes, computed off chain. */
export const commitHash = (hotkey: string, netuid: bigint, uids: number[], weights: number[], salt = SALT, version = 0n) =>
  keccak256(
    AbiCoder.defaultAbiCoder().encode(
      ["address", "uint256", "uint16[]", "uint16[]", "bytes32", "uint64"],
      [hotkey, netuid, uids, weights, salt, version],
    ),
  );

/** One epoch, as its events tell it. */
export interface EpochRun {
  /** Taken from the pool. */
  taken: bigint;
  ownerCut: bigint;
  /** Distributed (after the owner's cut). */
  emission: bigint;
  paid: bigint;
  dust: bigint;
  keeper: bigint;
  events: LogDescription[];
}

export function parseEvents(subnets: SubnetsHarness, receipts: (ContractTransactionReceipt | null)[]): LogDescription[] {
  return receipts.flatMap((r) =>
    r!.logs
      .filter((l) => l.address.toLowerCase() === (subnets.target as string).toLowerCase())
      .map((l) => subnets.interface.parseLog(l))
      .filter((e): e is LogDescription => e !== null),
  );
}

/** Mines to the due block (less one), then starts and steps the epoch to its end. */
export async function runEpoch(
  ethers: HardhatEthers,
  mine: (blocks: number) => Promise<void>,
  subnets: SubnetsHarness,
  netuid: bigint,
  mineToDue = true,
): Promise<EpochRun> {
  const info = await subnets.subnet(netuid);
  const now = BigInt(await ethers.provider.getBlockNumber());
  if (mineToDue && !info.epochRunning && now + 1n < info.nextEpochBlock) await mine(Number(info.nextEpochBlock - now - 1n));
  const receipts: (ContractTransactionReceipt | null)[] = [];
  do {
    receipts.push(await (await subnets.advanceEpoch(netuid, [])).wait());
  } while ((await subnets.subnet(netuid)).epochRunning);
  const events = parseEvents(subnets, receipts);
  const started = events.find((e) => e.name === "EpochStarted")!;
  const completed = events.find((e) => e.name === "EpochCompleted")!;
  const keeper = events.find((e) => e.name === "KeeperRewarded");
  return {
    taken: started.args.emission,
    ownerCut: started.args.ownerCut,
    emission: completed.args.emission,
    paid: completed.args.paid,
    dust: completed.args.dust,
    keeper: keeper ? keeper.args.amount : 0n,
    events,
  };
}

const packU16 = (values: readonly bigint[]): bigint[] => {
  const words = new Array<bigint>(16).fill(0n);
  values.forEach((v, j) => {
    words[j >> 4] |= v << BigInt(16 * (j & 15));
  });
  return words;
};

function toHyperparameters(raw: Awaited<ReturnType<SubnetsHarness["hyperparameters"]>>): SubnetHyperparameters {
  return {
    tempo: Number(raw.tempo),
    maxUids: Number(raw.maxUids),
    maxValidators: Number(raw.maxValidators),
    immunityPeriod: Number(raw.immunityPeriod),
    minNonImmuneUids: Number(raw.minNonImmuneUids),
    kappa: Number(raw.kappa),
    bondsMovingAverage: Number(raw.bondsMovingAverage),
    bondsPenalty: Number(raw.bondsPenalty),
    activityCutoff: Number(raw.activityCutoff),
    weightsRateLimit: Number(raw.weightsRateLimit),
    minAllowedWeights: Number(raw.minAllowedWeights),
    weightsVersionKey: raw.weightsVersionKey,
    commitReveal: raw.commitReveal,
    revealPeriod: Number(raw.revealPeriod),
    yuma3: raw.yuma3,
    liquidAlpha: raw.liquidAlpha,
    alphaLow: Number(raw.alphaLow),
    alphaHigh: Number(raw.alphaHigh),
    alphaSigmoidSteepness: Number(raw.alphaSigmoidSteepness),
    bondsReset: raw.bondsReset,
    ownerCut: Number(raw.ownerCut),
    minPrice: raw.minPrice,
    maxPrice: raw.maxPrice,
    priceHalfLife: Number(raw.priceHalfLife),
    emission: raw.emission,
    keeperReward: raw.keeperReward,
  };
}

/**
 * The preview's prediction of the epoch that starts in the next block, from the contract's views read now (stake due
 * at that epoch's start counts; the emission is min(emission, pool) less the owner's cut and the keeper's reward).
 */
export async function predictNextEpoch(ethers: HardhatEthers, subnets: SubnetsHarness, netuid: bigint) {
  const block = BigInt(await ethers.provider.getBlockNumber());
  const [info, raw] = await Promise.all([subnets.subnet(netuid), subnets.hyperparameters(netuid)]);
  const p = toHyperparameters(raw);
  const n = Number(info.n);
  const neurons = await subnets.neurons(netuid, 0n, 256n);
  const ownerUid = neurons.findIndex((u) => info.ownerHotkey !== "0x0000000000000000000000000000000000000000" && u.hotkey === info.ownerHotkey);
  const weights: (bigint[] | undefined)[] = new Array(n).fill(undefined);
  const weightUids: (bigint | undefined)[] = new Array(n).fill(undefined);
  const bonds: (bigint[] | undefined)[] = new Array(n).fill(undefined);
  const commits: SubnetEpochState["commits"] = new Array(n).fill(undefined);
  for (let uid = 0; uid < n; uid++) {
    if (((info.validatorPermits >> BigInt(uid)) & 1n) === 0n && uid !== ownerUid) continue;
    weights[uid] = packU16(await subnets.weightsOf(netuid, uid));
    weightUids[uid] = await subnets.weightUidsOf(netuid, uid);
    bonds[uid] = packU16(await subnets.bondsOf(netuid, uid));
    const c = await subnets.commitOf(netuid, uid);
    if (BigInt(c.hash) !== 0n) commits[uid] = { epoch: c.epoch, revealEpoch: c.revealEpoch, blockNumber: c.blockNumber };
  }
  const { taken, ownerCut, keeper } = epochSplit(p, info.rewardPool);
  const cap = (1n << 63n) - 1n;
  const state: SubnetEpochState = {
    n,
    hyperparameters: p,
    hotkeys: neurons.map((u) => u.hotkey),
    stakeWeights: neurons.map((u) => {
      const w = (u.stake + u.pendingStake) / info.stakeScale;
      return w > cap ? cap : w;
    }),
    registeredAt: neurons.map((u) => u.registeredAt),
    lastUpdate: neurons.map((u) => u.lastUpdate),
    validatorPermits: info.validatorPermits,
    ownerUid: ownerUid < 0 ? undefined : ownerUid,
    weights,
    weightUids,
    bonds,
    commits,
    epochNumber: info.epochNumber,
    lastEpochBlock: info.lastEpochBlock,
    emission: taken - ownerCut - keeper,
    currentBlock: block + 1n,
  };
  return { ...predictEpoch(state), taken, ownerCut, keeper };
}
