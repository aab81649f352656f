import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";

import type { IPromotion, MockSubnetToken, Promotion } from "../../types/typechain/index.js";
import { cidN, ONE, TOKENS } from "../fixtures/constants.js";
import { deployProtocolFixture, type Protocol } from "../fixtures/launch.js";
import { SMALL_SUBNET, type Hyperparameters } from "../fixtures/subnets.js";

// Shared by the promotion tests: the protocol as deployed (registry, subnets, Promotion), a model with a v1.0.0
// version, a subnet recording it with one staked validator and four miners that have published candidates, the
// model's owner binding the subnet, and the steps a test takes: run an epoch, make a UID lead, publish, promote.

/** The binding's rule in {@link promotionFixture}: a candidate must lead three completed epochs in a row. */
export const K = 3n;
/** The bounty each promotion credits: 100 tokens. */
export const BOUNTY = TOKENS(100);
/** What the model's owner puts in the escrow when binding: two and a half bounties. */
export const FUNDED = TOKENS(250);
/** The weights CID the miner of UID `uid` publishes in the fixture. */
export const candidateCid = (uid: number | bigint) => cidN(100n + BigInt(uid));
/** The weights CID of the model's v1.0.0. */
export const V1_CID = cidN(1);

/** `IPromotion.Status`, in its declaration order. */
export enum Status {
  Ready,
  NotBound,
  SubnetOwnerChanged,
  NoLeader,
  NoCandidate,
  CandidateChanged,
  StreakTooShort,
  AlreadyPromoted,
  ParentDeprecated,
  NotPublisher,
  TagTaken,
}

export type BindingParams = IPromotion.BindingParamsStruct;

/** What a test may change of {@link promotionFixture}. */
export interface PromotionOptions {
  /** The protocol to use (deployed afresh unless given). */
  protocol?: Protocol;
  /** The model the subnet records; registered by `team` with a v1.0.0 version unless given. */
  model?: bigint;
  /** Hyperparameters over {@link SMALL_SUBNET} (without commit-reveal unless told). */
  subnet?: Partial<Hyperparameters>;
  /** The subnet's reward pool, funded by its owner: 10,000 tokens unless told. */
  pool?: bigint;
  /** The binding's parameters over {K, BOUNTY in the bounty token, default prefix}; `false` for no binding. */
  bind?: Partial<BindingParams> | false;
  /** What the model's owner funds the escrow with when binding: {@link FUNDED} unless told. */
  fund?: bigint;
  /** The bounty token, for a second subnet to share the first's; a new one unless given. */
  bountyToken?: MockSubnetToken;
}

/**
 * The promotion scenario, from signer roles: `team` (signer 0) owns the model, `subnetOwner` (4) the subnet,
 * `validator` (5, UID 0) holds 1,000 staked tokens and a validator permit, `miners[i]` (6 to 9) are UIDs 1 to 4 with
 * coldkeys `coldkeys[i]` (10 to 13) and have each published {@link candidateCid}; `funder` (14) and `stranger` (19)
 * hold tokens and no role. Every signer holds a million of each token and has approved the subnets (reward and stake
 * tokens) and Promotion (bounty token). Unless told otherwise, `team` has made Promotion a publisher of the model,
 * bound the subnet with a streak of {@link K} and a bounty of {@link BOUNTY}, and funded {@link FUNDED}. No completed
 * epoch has a leader yet, and the next one counts the candidates: a UID that leads K epochs from now is promoted.
 */
export async function promotionFixture(connection: NetworkConnection, options: PromotionOptions = {}) {
  const { ethers, networkHelpers } = connection;
  const signers = await ethers.getSigners();
  const [team] = signers;
  const [subnetOwner, validator] = signers.slice(4, 6);
  const miners = signers.slice(6, 10);
  const coldkeys = signers.slice(10, 14);
  const [funder, stranger] = [signers[14], signers[19]];

  const protocol = options.protocol ?? (await deployProtocolFixture(connection));
  const { registry, subnets, deployment } = protocol;
  const promotion = (await ethers.getContractAt(
    "Promotion",
    deployment.contracts.Promotion!.address,
  )) as unknown as Promotion;

  const token = async (symbol: string) =>
    (await ethers.deployContract("MockSubnetToken", [symbol, 18])) as unknown as MockSubnetToken;
  const [rewardToken, stakeToken] = [await token("RWD"), await token("STK")];
  const bountyToken = options.bountyToken ?? (await token("BNT"));
  for (const s of signers) {
    for (const t of [rewardToken, stakeToken, bountyToken]) await t.mint(s.address, 1_000_000n * ONE);
    await rewardToken.connect(s).approve(subnets.target, ethers.MaxUint256);
    await stakeToken.connect(s).approve(subnets.target, ethers.MaxUint256);
    await bountyToken.connect(s).approve(promotion.target, ethers.MaxUint256);
  }

  let model = options.model;
  if (model === undefined) {
    await registry.connect(team).register("face-landmark-68", cidN(9), "MIT");
    model = await registry.modelCount();
    await registry.connect(team).publish(model, publishParams(V1_CID, "v1.0.0"));
  }

  await subnets.connect(subnetOwner).createSubnet({
    stakeToken: stakeToken.target as string,
    rewardToken: rewardToken.target as string,
    model,
    metadataCid: cidN(2),
    hyperparameters: { ...SMALL_SUBNET, commitReveal: false, ...options.subnet },
  });
  const netuid = await subnets.subnetCount();
  await subnets.connect(subnetOwner).fund(netuid, options.pool ?? TOKENS(10_000));
  await subnets.connect(validator).register(netuid, validator.address, validator.address, ethers.MaxUint256);
  for (const [i, m] of miners.entries())
    await subnets.connect(m).register(netuid, m.address, coldkeys[i].address, ethers.MaxUint256);
  await subnets.connect(validator).stake(netuid, validator.address, TOKENS(1_000));

  /** Mines to the subnet's next epoch (less one block) and starts it, in one transaction of its own. */
  const startEpoch = async () => {
    const info = await subnets.subnet(netuid);
    const now = BigInt(await ethers.provider.getBlockNumber());
    if (!info.epochRunning && now + 1n < info.nextEpochBlock) await networkHelpers.mine(info.nextEpochBlock - now - 1n);
    await subnets.advanceEpoch(netuid, []);
  };
  /** Steps the running epoch to its end. */
  const finishEpoch = async () => {
    while ((await subnets.subnet(netuid)).epochRunning) await subnets.advanceEpoch(netuid, []);
  };
  /** Runs the subnet's next epoch from its start to its end. */
  const epoch = async () => {
    await startEpoch();
    await finishEpoch();
  };
  /** Runs `n` epochs. */
  const epochs = async (n: number | bigint) => {
    for (let i = 0n; i < BigInt(n); i++) await epoch();
  };
  /** The validator weighs `uids` (ascending) by `weights`: the highest weight has the highest incentive. */
  const weigh = (uids: number[], weights: number[]) => subnets.connect(validator).setWeights(netuid, uids, weights, 0n);
  /** The validator puts all its weight on `uid`, which leads every epoch from the next that completes. */
  const lead = (uid: number) => weigh([uid], [1]);
  /** `uid` leads the next `n` epochs. */
  const leadFor = async (uid: number, n: number | bigint) => {
    await lead(uid);
    await epochs(n);
  };
  /** The miner of `uid` (1 to 4) publishes `cid` as its candidate. */
  const publish = (uid: number, cid: string) => subnets.connect(miners[uid - 1]).publishCandidate(netuid, cid, "0x");
  /** The model's owner makes Promotion a publisher (unless it is), then binds the subnet with `params` over the defaults. */
  const bind = async (params: Partial<BindingParams> = {}, owner: HardhatEthersSigner = team) => {
    if (!(await registry.canPublish(model, promotion.target))) {
      await registry.connect(owner).setPublisher(model, promotion.target, true);
    }
    return promotion.connect(owner).bind(netuid, bindingParams(model, bountyToken.target as string, params));
  };
  /** Promotion's bounty token balance, and what it owes: the escrow plus the bounties credited and not claimed. */
  const owed = async (accounts: HardhatEthersSigner[] = coldkeys) => {
    let credited = 0n;
    for (const a of accounts) credited += await promotion.bountyOf(a.address, bountyToken.target);
    return {
      balance: await bountyToken.balanceOf(promotion.target),
      owed: (await promotion.bindingOf(netuid)).escrow + credited,
    };
  };

  // The stake counts from the start of the epoch after the next: then the validator holds a permit.
  await epochs(2);
  for (const uid of [1, 2, 3, 4]) await publish(uid, candidateCid(uid));
  // The epoch that ends the tempo the candidates were published in does not count them (nobody leads it).
  await epoch();
  if (options.bind !== false) {
    await bind(options.bind ?? {});
    const funded = options.fund ?? FUNDED;
    if (funded !== 0n) await promotion.connect(team).fund(netuid, funded);
  }

  return {
    ...protocol,
    promotion,
    rewardToken,
    stakeToken,
    bountyToken,
    model,
    netuid,
    signers,
    team,
    subnetOwner,
    validator,
    miners,
    coldkeys,
    funder,
    stranger,
    startEpoch,
    finishEpoch,
    epoch,
    epochs,
    weigh,
    lead,
    leadFor,
    publish,
    bind,
    owed,
  };
}

export type PromotionEnv = Awaited<ReturnType<typeof promotionFixture>>;

/** A version's parameters as the registry takes them: no config, no dataset, and the given parent (none unless told). */
export function publishParams(weightsCid: string, tag: string, parent: { model: bigint; index: bigint } = NO_PARENT) {
  return { weightsCid, configCid: "0x", tag, parent, datasetCids: [] };
}

/** A version reference to nothing: `model` 0. */
export const NO_PARENT = { model: 0n, index: 0n };

/** Binding parameters for `model`: {@link K}, {@link BOUNTY} in `bountyToken`, the default prefix, over `params`. */
export function bindingParams(model: bigint, bountyToken: string, params: Partial<BindingParams> = {}): BindingParams {
  return { model, minStreak: K, bountyToken, bounty: BOUNTY, tagPrefix: "", ...params };
}
