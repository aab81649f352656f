import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";

import type { MockSubnetToken, NetworkEmission, ProtocolToken, Subnets } from "../../types/typechain/index.js";
import { cidN, ONE, TOKENS } from "../fixtures/constants.js";
import { deployProtocolFixture } from "../fixtures/launch.js";
import { SMALL_SUBNET } from "../fixtures/subnets.js";

// Shared by the emission tests: the protocol as deployed (emission reserve, timelock, subnets), subnets that reward
// in the protocol token with staked validators, and moving to the next emission period.

/** An emission period in the deployment's default settings: one week. */
export const PERIOD = 7n * 24n * 60n * 60n;
/** The default share of the reserve released each period, in basis points. */
export const RATE_BPS = 50n;
/** The default cap on one subnet's share of a period, in basis points. */
export const CAP_BPS = 5000n;

/** One subnet an emission test uses: its netuid and its hotkeys (validators first). */
export interface EmissionSubnet {
  netuid: bigint;
  hotkeys: HardhatEthersSigner[];
}

/**
 * The deployed protocol with the emission holding its development reserve, the four token holders (signers 0-3)
 * delegated to themselves, and a stake token every other signer holds and has approved.
 */
export async function emissionFixture(connection: NetworkConnection) {
  const { ethers } = connection;
  const signers = await ethers.getSigners();
  const protocol = await deployProtocolFixture(connection);
  const { protocolToken: token, subnets, emission } = protocol;
  const holders = signers.slice(0, 4);
  for (const h of holders) await token.connect(h).delegate(h.address);
  const stakeToken = (await ethers.deployContract("MockSubnetToken", ["STK", 18])) as unknown as MockSubnetToken;
  for (const s of signers.slice(4)) {
    await stakeToken.mint(s.address, 1_000_000n * ONE);
    await stakeToken.connect(s).approve(subnets.target, ethers.MaxUint256);
    // Registration is paid in the reward token, here the protocol token.
    await token.connect(signers[0]).transfer(s.address, TOKENS(10_000));
    await token.connect(s).approve(subnets.target, ethers.MaxUint256);
  }
  return { ...protocol, token, subnets, emission, holders, stakeToken, signers };
}

/**
 * Creates a subnet rewarding in `rewardToken` (the protocol token unless told), owned by `owner`, registers
 * `hotkeys` as its UIDs (each its own coldkey), stakes 1,000 on the first `validators` of them, and runs epochs
 * until that stake holds validator permits.
 */
export async function activeSubnet(
  connection: NetworkConnection,
  subnets: Subnets,
  stakeToken: MockSubnetToken,
  rewardToken: string,
  owner: HardhatEthersSigner,
  hotkeys: HardhatEthersSigner[],
  validators = 1,
): Promise<EmissionSubnet> {
  await subnets.connect(owner).createSubnet({
    stakeToken: stakeToken.target as string,
    rewardToken,
    model: 0n,
    metadataCid: cidN(7),
    hyperparameters: SMALL_SUBNET,
  });
  const netuid = await subnets.subnetCount();
  for (const h of hotkeys)
    await subnets.connect(h).register(netuid, h.address, h.address, connection.ethers.MaxUint256);
  for (const h of hotkeys.slice(0, validators)) await subnets.connect(h).stake(netuid, h.address, 1000n * ONE);
  // New stake counts from the start of the epoch after the next.
  for (let i = 0; i < 3; i++) await runEpoch(connection, subnets, netuid);
  return { netuid, hotkeys };
}

/** Mines to the subnet's next epoch and runs it to its end. */
export async function runEpoch(connection: NetworkConnection, subnets: Subnets, netuid: bigint): Promise<void> {
  const { ethers, networkHelpers } = connection;
  const info = await subnets.subnet(netuid);
  const now = BigInt(await ethers.provider.getBlockNumber());
  if (!info.epochRunning && now + 1n < info.nextEpochBlock) await networkHelpers.mine(info.nextEpochBlock - now - 1n);
  do await subnets.advanceEpoch(netuid, []);
  while ((await subnets.subnet(netuid)).epochRunning);
}

/** Moves time to the start of the emission's next period. */
export async function nextPeriod(connection: NetworkConnection, emission: NetworkEmission): Promise<void> {
  const [, , end] = await emission.currentPeriod();
  await connection.networkHelpers.time.increaseTo(end);
}

export type { NetworkEmission, ProtocolToken, Subnets };
