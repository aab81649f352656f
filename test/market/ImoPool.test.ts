import { expect } from "chai";
import { network } from "hardhat";

import { DAY, ONE, TOKENS } from "../fixtures/constants.js";
import { deployLaunched } from "../fixtures/launch.js";
import { UNISWAP, type Untyped } from "../fixtures/uniswap.js";

const connection = await network.connect();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const RESERVE = TOKENS(100_000);
const LOCK = 365n * BigInt(DAY);

async function imoWithPool() {
  const [team, alice, bob] = await ethers.getSigners();
  const launched = await deployLaunched(connection, {
    launch: async () => ({
      start: BigInt(await time.latest()) + 100n,
      liquidityAmount: RESERVE,
      pool: { proceedsBps: 2_000, lockDuration: LOCK },
    }),
  });
  const pairAddress = await launched.offering.pool();
  const factory = new ethers.Contract(
    launched.deployment.contracts.UniswapV2Factory!.address,
    UNISWAP.factory.abi,
    team,
  ) as unknown as Untyped;
  return { ...launched, team, alice, bob, pairAddress, factory };
}

describe("An IMO that opens a market", function () {
  it("excludes the pool at launch and opens it at the sale price when the sale succeeds", async function () {
    const f = await loadFixture(imoWithPool);
    expect(await f.token.isExcluded(f.pairAddress)).to.equal(true);
    await time.increaseTo(f.params.sale.start);
    await f.offering.connect(f.alice).depositETH([], { value: 40n * ONE });
    await time.increaseTo(f.params.sale.end);
    const tx = await f.offering.finalize();
    const receipt = (await tx.wait())!;
    console.log("finalize gas", receipt.gasUsed);
    expect(await f.factory.getPair(f.token.target, f.deployment.contracts.WETH9!.address)).to.equal(f.pairAddress);
    const pair = new ethers.Contract(f.pairAddress, UNISWAP.pair.abi, f.team) as unknown as Untyped;
    const [r0, r1] = (await pair.getReserves()) as [bigint, bigint];
    const [tokens, quote] = (await pair.token0()) === f.token.target ? [r0, r1] : [r1, r0];
    console.log("reserves", tokens, quote);
    // 20% of 40 ETH = 8 ETH at 0.001 ETH per token = 8,000 tokens.
    expect(quote).to.equal(8n * ONE);
    expect(tokens).to.equal(TOKENS(8_000));
    await expect(tx).to.emit(f.offering, "PoolOpened");
  });
});
