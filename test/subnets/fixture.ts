import { AbiCoder, keccak256, ZeroAddress, type ContractTransactionReceipt, type LogDescription } from "ethers";
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";

import { deployLinked } from "../utils/linked.js";
import { createClient, type Deployment } from "../../sdk/src/index.js";
import type { MockSubnetToken, SubnetsHarness } from "../../types/typechain/index.js";
import { cidN, ONE } from "../fixtures/constants.js";
import { SMALL_SUBNET, type Hyperparameters } from "../fixtures/subnets.js";

// Shared by the subnet contract's tests: deployment with its linked libraries, a funded subnet with registered
// UIDs, commit hashes, running an epoch to its end with its events, and the state the epoch preview reads.

export const U16 = 65_535n;
export const SALT = keccak256("0x5a17");
/** The subnet {@link subnetWith} creates. */
export const NETUID = 1n;

/** Deploys the subnet harness with every library it links. */
export async function deploySubnets(ethers: HardhatEthers, owner: string, fee: bigint): Promise<SubnetsHarness> {
  return (await deployLinked(ethers, "SubnetsHarness", [owner, fee])) as unknown as SubnetsHarness;
}

export async function deployToken(ethers: HardhatEthers, symbol: string): Promise<MockSubnetToken> {
  return (await ethers.deployContract("MockSubnetToken", [symbol, 18])) as unknown as MockSubnetToken;
}

/** What {@link subnetWith} may be told besides the hyperparameters and the number of UIDs. */
export interface SubnetOptions {
  /** How many signers, from the first, hold and approve a million of each token: all unless told. */
  funded?: number;
  /** The reward pool the owner funds: 10,000 tokens unless told. */
  fund?: bigint;
  /** The owner's hotkey, set before the subnet is funded. */
  ownerHotkey?: string;
}

/**
 * Subnet 1 with `params` over {@link SMALL_SUBNET}, created and funded by `signers[1]` on a fresh subnet contract
 * owned by `signers[0]`; `options.funded` signers hold and approve a million of each token, and `hotkeys` signers from
 * index 2 register in order as UIDs 0, 1, ... Returns the events of the funding and the registrations as well.
 */
export async function subnetWith(
  ethers: HardhatEthers,
  signers: HardhatEthersSigner[],
  params: Partial<Hyperparameters>,
  hotkeys: number,
  options: SubnetOptions = {},
) {
  const [protocol, owner] = signers;
  const subnets = await deploySubnets(ethers, protocol.address, 0n);
  const stakeToken = await deployToken(ethers, "STK");
  const rewardToken = await deployToken(ethers, "RWD");
  for (const s of signers.slice(0, options.funded ?? signers.length)) {
    await stakeToken.mint(s.address, 1_000_000n * ONE);
    await rewardToken.mint(s.address, 1_000_000n * ONE);
    await stakeToken.connect(s).approve(subnets.target, ethers.MaxUint256);
    await rewardToken.connect(s).approve(subnets.target, ethers.MaxUint256);
  }
  await subnets.connect(owner).createSubnet({
    stakeToken: stakeToken.target as string,
    rewardToken: rewardToken.target as string,
    model: 0n,
    metadataCid: cidN(1),
    hyperparameters: { ...SMALL_SUBNET, ...params },
  });
  if (options.ownerHotkey !== undefined) await subnets.connect(owner).setOwnerHotkey(NETUID, options.ownerHotkey);
  const receipts = [await (await subnets.connect(owner).fund(NETUID, options.fund ?? 10_000n * ONE)).wait()];
  for (const h of signers.slice(2, 2 + hotkeys)) {
    receipts.push(await (await subnets.connect(h).register(NETUID, h.address, h.address, ethers.MaxUint256)).wait());
  }
  return { subnets, stakeToken, rewardToken, events: parseEvents(subnets, receipts) };
}

/**
 * The helpers above bound to `connection` and its signers, for subnet 1: `subnetWith`, `epoch` (runs the next
 * epoch to its end) and `predict` (the preview of the epoch that starts in the next block).
 */
export async function subnetHelpers(connection: NetworkConnection) {
  const { ethers, networkHelpers } = connection;
  const signers = await ethers.getSigners();
  return {
    signers,
    owner: signers[1],
    subnetWith: (params: Partial<Hyperparameters>, hotkeys: number, options?: SubnetOptions) =>
      subnetWith(ethers, signers, params, hotkeys, options),
    epoch: (subnets: SubnetsHarness) => runEpoch(ethers, networkHelpers.mine, subnets, NETUID),
    predict: (subnets: SubnetsHarness) => predictNextEpoch(ethers, subnets, NETUID),
  };
}

/** The hash {commitWeights} takes, computed off chain. */
export const commitHash = (
  hotkey: string,
  netuid: bigint,
  uids: number[],
  weights: number[],
  salt = SALT,
  version = 0n,
) =>
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

export function parseEvents(
  subnets: SubnetsHarness,
  receipts: (ContractTransactionReceipt | null)[],
): LogDescription[] {
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
  if (mineToDue && !info.epochRunning && now + 1n < info.nextEpochBlock)
    await mine(Number(info.nextEpochBlock - now - 1n));
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

/**
 * The SDK's preview of the epoch that starts in the next block (`client.subnets.previewEpoch`), from the contract's
 * views read now (stake due at that epoch's start counts; the emission is min(emission, pool) less the owner's cut
 * and the keeper's reward), with what the epoch takes from the pool and the keeper's reward named as
 * {@link EpochRun} does. The registry and factory of the deployment are placeholders: the preview reads neither.
 */
export async function predictNextEpoch(ethers: HardhatEthers, subnets: SubnetsHarness, netuid: bigint) {
  const placeholder = { address: ZeroAddress, blockNumber: 0 };
  const deployment: Deployment = {
    chainId: Number((await ethers.provider.getNetwork()).chainId),
    network: "hardhat",
    contracts: {
      ModelRegistry: placeholder,
      ModelLaunchFactory: placeholder,
      Subnets: { address: await subnets.getAddress(), blockNumber: 0 },
    },
  };
  const preview = await createClient({ runner: ethers.provider, deployment }).subnets.previewEpoch(netuid);
  return {
    ...preview,
    taken: preview.emission + preview.ownerCut + preview.keeperReward,
    keeper: preview.keeperReward,
  };
}
