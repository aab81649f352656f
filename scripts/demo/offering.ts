// Chapters 6 to 9: the Initial Model Offering launched, oversubscribed and settled to the wei; the portfolios after.
import path from "node:path";

import { formatEther, formatUnits } from "ethers";

import { createClient, readLaunchConfig } from "../../sdk/src/index.js";
import { table } from "../cli/output.js";
import { type Client, type Demo, section } from "./context.js";

export type Launch = Awaited<ReturnType<typeof launchOffering>>;
export type Sale = Awaited<ReturnType<typeof depositDuringSale>>;

/** 6. The Initial Model Offering launched from its launch file, with a stablecoin as a revenue asset. */
export async function launchOffering({ client, ethers, track }: Demo) {
  section("6. Launch the Initial Model Offering of face-landmark-68 (one transaction)");
  const launchFile = path.resolve("deploy/launches/face-landmark-68.json");
  const { config: fileConfig, baseDir } = await readLaunchConfig(launchFile);
  // The model also earns in a stablecoin: the demo deploys one (mUSD, 6 decimals, with permit) and accepts it
  // as revenue from launch, beside ETH.
  const usd = await ethers.deployContract("MockStablecoin");
  const usdAddress = await usd.getAddress();
  const config = { ...fileConfig, revenue: { ...fileConfig.revenue, assets: [usdAddress] } };
  const plan = await client.offering.planLaunch({ config, baseDir });
  console.log(
    `From ${path.relative(process.cwd(), launchFile)}, with the demo's mUSD (${usdAddress}) as a revenue asset:`,
  );
  for (const line of plan.summary) console.log(`- ${line}`);
  const launched = track(
    "launch IMO (token, sale, 3 vesting wallets, DAO)",
    await client.offering.launchOffering({ config, baseDir, plan }),
  ).result;
  console.log(
    table(
      ["contract", "address"],
      [
        ["token (FL68)", launched.token],
        ["offering", launched.offering],
        ["governor", launched.governor],
        ["timelock (treasury, model owner)", launched.timelock],
        ...launched.vestingWallets.map((wallet, i) => [`vesting wallet ${i + 1}`, wallet]),
      ],
    ),
  );
  console.log(
    `The registry now lists the timelock as the owner of face-landmark-68: ${(await client.registry.getModel("face-landmark-68")).owner === launched.timelock}`,
  );
  return { launched, usd, usdAddress };
}

/** 7. Five investors deposit during the sale and oversubscribe it. */
export async function depositDuringSale({ client, networkHelpers, signers, deployment, track }: Demo) {
  section("7. Five investors deposit ETH during the sale: it is oversubscribed");
  const offeringView = await client.offering.getOffering("face-landmark-68");
  await networkHelpers.time.increaseTo(Math.floor(offeringView.params.start.getTime() / 1000));
  const investors = signers.slice(4, 9);
  const amounts = ["5", "10", "15", "20", "25"];
  for (const [i, investor] of investors.entries()) {
    const investorClient = createClient({ runner: investor, deployment });
    track(
      `deposit ${amounts[i]} ETH`,
      await investorClient.offering.buy({ model: "face-landmark-68", amount: amounts[i] }),
    );
  }
  const live = await client.offering.getOffering("face-landmark-68");
  console.log(
    `Raised ${formatEther(live.totals.deposits)} ETH against a hard cap of ${formatEther(live.params.hardCap)} ETH: every deposit will be filled pro rata.`,
  );
  return { offeringView, investors, amounts };
}

/** 8. The sale settled by a keeper and one investor, the dust swept; every wei accounted for. Returns the keeper. */
export async function settleSale(
  { client, ethers, networkHelpers, signers, deployment, track }: Demo,
  { launched }: Launch,
  { offeringView, investors, amounts }: Sale,
): Promise<Client> {
  section("8. The sale ends: a keeper finalises and settles, one investor claims, the dust is swept");
  await networkHelpers.time.increaseTo(Math.floor(offeringView.params.end.getTime() / 1000));
  const keeper = createClient({ runner: signers[9], deployment });
  track("finalize (keeper)", await keeper.offering.finalize({ model: "face-landmark-68" }));
  const settlements: (string | number)[][] = [];
  let refunds = 0n;
  let tokensOut = 0n;
  let deposits = 0n;
  for (const [i, investor] of investors.entries()) {
    const settlement =
      i === 0
        ? track(
            "claim (investor)",
            await createClient({ runner: investor, deployment }).offering.settle({
              model: "face-landmark-68",
              to: investor.address,
            }),
          )
        : track(
            "settle (keeper)",
            await keeper.offering.settle({ model: "face-landmark-68", account: investor.address }),
          );
    const { tokens, refund } = settlement.result;
    refunds += refund;
    tokensOut += tokens;
    deposits += ethers.parseEther(amounts[i]);
    settlements.push([
      investor.address,
      amounts[i],
      Number(formatEther(refund)).toFixed(6),
      Number(formatUnits(tokens, 18)).toFixed(2),
    ]);
  }
  track("sweep dust (keeper)", await keeper.offering.sweep({ model: "face-landmark-68" }));
  console.log(table(["investor", "deposited ETH", "refunded ETH", "FL68 received"], settlements));
  const final = await client.offering.getOffering("face-landmark-68");
  const treasuryEth = await ethers.provider.getBalance(launched.timelock);
  const saleEth = await ethers.provider.getBalance(launched.offering);
  // The finalisation opened the pool with a share of the proceeds: that ETH is in the pool, as WETH.
  const poolEth = final.pool?.opened?.quote ?? 0n;
  console.log(
    table(
      ["where the ETH went", "wei"],
      [
        ["deposited by investors", deposits.toString()],
        ["refunded to investors", refunds.toString()],
        ["to the DAO treasury (proceeds + dust)", treasuryEth.toString()],
        ["into the FL68/WETH pool (its share of the proceeds)", poolEth.toString()],
        ["protocol fee owed", final.totals.feeOwed.toString()],
        ["left in the sale contract", saleEth.toString()],
      ],
    ),
  );
  if (refunds + treasuryEth + poolEth + saleEth !== deposits || saleEth !== final.totals.feeOwed) {
    throw new Error("The sale's ETH does not balance to the wei.");
  }
  console.log(
    `Balanced to the wei: refunds + treasury + pool + fee = deposits. Tokens sold: ${formatUnits(final.totals.tokensSold, 18)} FL68, ` +
      `distributed: ${formatUnits(tokensOut, 18)} FL68 (the difference, rounding dust, went to the treasury).`,
  );
  return keeper;
}

/** 9. Portfolios: an investor delegates to vote; a team member's tokens vest. */
export async function showPortfolios({ client, signers, deployment, track }: Demo, { investors }: Sale): Promise<void> {
  section("9. Portfolios: an investor delegates to vote; a team member's tokens vest");
  const investorClient = createClient({ runner: investors[4], deployment });
  track("delegate to self", await investorClient.governance.delegateVotes({ model: "face-landmark-68" }));
  const holdings: (string | number)[][] = [];
  for (const account of [investors[4].address, signers[1].address]) {
    const portfolio = await client.offering.getPortfolio(account);
    for (const entry of portfolio.entries) {
      const vesting = entry.vesting.reduce((sum, wallet) => sum + wallet.balance, 0n);
      holdings.push([
        account.slice(0, 10),
        entry.tokenSymbol,
        Number(formatUnits(entry.balance, 18)).toFixed(2),
        Number(formatUnits(vesting, 18)).toFixed(2),
        Number(formatUnits(entry.votes, 18)).toFixed(2),
        entry.delegate ? entry.delegate.slice(0, 10) : "-",
      ]);
    }
  }
  console.log(table(["account", "token", "held", "in vesting wallets", "votes", "delegate"], holdings));
}
