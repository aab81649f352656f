// Gas of the subnet contract's user operations, measured on the in-process chain as whole-transaction gas (the
// 21,000 base and calldata included), on a subnet of 256 UIDs where the operation's cost depends on its size.
import type { NetworkConnection } from "hardhat/types/network";

import { ONE } from "../test/fixtures/constants.js";
import { SUBNET_DEFAULTS } from "../test/fixtures/subnets.js";
import { deployLinked } from "../test/utils/linked.js";
import { gasOf, type GasEntry } from "./registry.js";
import type { MockHotkeyFactory, MockSubnetToken, Subnets } from "../types/typechain/index.js";

/** A CIDv1 (raw, sha2-256). */
const CID = `0x01551220${"ab".repeat(32)}`;
const SALT = `0x${"5a".repeat(32)}`;

export async function measureSubnets(connection: NetworkConnection): Promise<GasEntry[]> {
  const { ethers, networkHelpers } = connection;
  const [deployer, owner, validator, staker, newcomer, late] = await ethers.getSigners();
  const entries: GasEntry[] = [];

  const subnets = (await deployLinked(ethers, "Subnets", [deployer.address, 0n])) as unknown as Subnets;
  const stakeToken = (await ethers.deployContract("MockSubnetToken", ["STK", 18])) as unknown as MockSubnetToken;
  const rewardToken = (await ethers.deployContract("MockSubnetToken", ["RWD", 18])) as unknown as MockSubnetToken;
  const factory = (await ethers.deployContract("MockHotkeyFactory")) as unknown as MockHotkeyFactory;
  for (const signer of [owner, validator, staker, newcomer, late]) {
    await stakeToken.mint(signer.address, 1_000_000n * ONE);
    await rewardToken.mint(signer.address, 1_000_000n * ONE);
    await stakeToken.connect(signer).approve(subnets.target, ethers.MaxUint256);
    await rewardToken.connect(signer).approve(subnets.target, ethers.MaxUint256);
  }

  // A subnet of 256 UIDs whose immunity ends soon, so that the last registration prunes.
  const hyperparameters = { ...SUBNET_DEFAULTS, immunityPeriod: 10, maxPrice: 100n * ONE, weightsRateLimit: 0 };
  const params = {
    stakeToken: stakeToken.target as string,
    rewardToken: rewardToken.target as string,
    model: 0n,
    metadataCid: CID,
    hyperparameters,
  };
  entries.push({ name: "subnets.create", gas: await gasOf(subnets.connect(owner).createSubnet(params)) });
  const netuid = 1n;

  const fill = async (count: number) => {
    for (let left = count; left > 0; left -= 32) {
      await (await factory.create(subnets.target, netuid, rewardToken.target, 100n * ONE, Math.min(32, left))).wait();
    }
  };
  await fill(127);
  // The validator's own registration, on a subnet of 127 UIDs.
  entries.push({
    name: "subnets.register",
    gas: await gasOf(
      subnets.connect(validator).register(netuid, validator.address, validator.address, ethers.MaxUint256),
    ),
  });
  await fill(128);
  await networkHelpers.mine(20);
  entries.push({
    name: "subnets.register.prune",
    gas: await gasOf(subnets.connect(newcomer).register(netuid, newcomer.address, newcomer.address, ethers.MaxUint256)),
  });

  entries.push({ name: "subnets.fund", gas: await gasOf(subnets.connect(owner).fund(netuid, 10_000n * ONE)) });
  entries.push({
    name: "subnets.stake",
    gas: await gasOf(subnets.connect(staker).stake(netuid, validator.address, 1_000n * ONE)),
  });
  await subnets.connect(validator).stake(netuid, validator.address, 1_000n * ONE);

  const runEpoch = async () => {
    const info = await subnets.subnet(netuid);
    const now = BigInt(await ethers.provider.getBlockNumber());
    if (now + 1n < info.nextEpochBlock) await networkHelpers.mine(Number(info.nextEpochBlock - now - 1n));
    do await (await subnets.advanceEpoch(netuid, [])).wait();
    while ((await subnets.subnet(netuid)).epochRunning);
  };
  // The stake counts from the second epoch, which gives the validator its permit.
  await runEpoch();
  await runEpoch();
  entries.push({
    name: "subnets.setHyperparameters",
    gas: await gasOf(
      subnets
        .connect(owner)
        .setHyperparameters(netuid, { ...hyperparameters, tempo: BigInt(SUBNET_DEFAULTS.tempo) + 1n }),
    ),
  });

  const uids = Array.from({ length: 256 }, (_, i) => i);
  const weights = uids.map((i) => (i * 7919) % 65_536);
  const hash = await subnets.weightsCommitHash(validator.address, netuid, uids, weights, SALT, 0n);
  entries.push({ name: "subnets.commit", gas: await gasOf(subnets.connect(validator).commitWeights(netuid, hash)) });
  await runEpoch();
  entries.push({
    name: "subnets.reveal.256",
    gas: await gasOf(subnets.connect(validator).revealWeights(netuid, uids, weights, SALT, 0n)),
  });
  await runEpoch();
  await runEpoch();

  // Stake that counted unbonds; pending stake comes back at once; unbonded stake leaves after the next epoch starts.
  entries.push({
    name: "subnets.unstake",
    gas: await gasOf(subnets.connect(staker).unstake(netuid, validator.address, 500n * ONE)),
  });
  await subnets.connect(late).stake(netuid, validator.address, 100n * ONE);
  entries.push({
    name: "subnets.unstake.pending",
    gas: await gasOf(subnets.connect(late).unstake(netuid, validator.address, 100n * ONE)),
  });
  await runEpoch();
  entries.push({
    name: "subnets.withdrawStake",
    gas: await gasOf(subnets.connect(staker).withdrawStake(netuid, validator.address)),
  });
  // The validator (its own coldkey) claims the take its UID accrued.
  const [, validatorUid] = await subnets.uidOf(netuid, validator.address);
  entries.push({
    name: "subnets.claim",
    gas: await gasOf(subnets.connect(validator).claim(netuid, [validatorUid], validator.address)),
  });
  return entries;
}
