// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {ONE, T0} from "../fixtures/Constants.sol";

import {IModelOffering} from "../../contracts/interfaces/IModelOffering.sol";

import {OfferingSetup, SaleHandler, SaleMath} from "./SaleHandler.sol";

/// @notice Fuzz tests of one whole sale: random terms, deposits and fee, then finalisation, settlement of every
/// deposit (by keepers or by claims to other addresses), sweep and fee payout.
contract ModelOfferingFuzzTest is OfferingSetup {
    uint256 private constant MAX_DEPOSITORS = 12;

    struct Run {
        IModelOffering offering;
        IERC20 token;
        address treasury;
        IModelOffering.SaleParams sale;
        uint16 feeBps;
        uint256 seed;
        uint256[] deposits;
        uint256 raised;
        IModelOffering.Status status;
        uint256 accepted;
        uint256 sold;
        uint256 fee;
        uint256 treasuryTokens;
        uint256 proceeds;
        uint256 tokensOut;
        uint256 refunds;
    }

    function setUp() public {
        _deployProtocol();
    }

    function testFuzz_settlementAccountsForEveryUnit(
        uint256 seed,
        uint256 countSeed,
        uint256 tokensSeed,
        uint256 priceSeed,
        uint256 softSeed,
        uint256 hardSeed,
        uint256 feeSeed
    ) public {
        Run memory r;
        r.seed = seed;
        _launchRandom(r, tokensSeed, priceSeed, softSeed, hardSeed, feeSeed);
        _depositAll(r, bound(countSeed, 1, MAX_DEPOSITORS));
        vm.warp(r.sale.end + (seed >> 8) % 30 days);
        (r.status, r.accepted, r.sold) = SaleMath.outcome(r.sale, r.raised);
        r.fee = r.accepted * r.feeBps / 10_000;
        r.treasuryTokens = r.token.balanceOf(r.treasury);
        // Half the runs finalise explicitly; the others leave it to the first settlement.
        if ((seed >> 2) % 2 == 0) r.offering.finalize();
        _settleAll(r);
        _sweepAndCheck(r);
    }

    /// @dev Launches a sale with random terms within the rules, through a factory with a random fee.
    function _launchRandom(
        Run memory r,
        uint256 tokensSeed,
        uint256 priceSeed,
        uint256 softSeed,
        uint256 hardSeed,
        uint256 feeSeed
    ) private {
        // Model token supplies are capped at 2**96 - 1 units (7.9e28): leave room for the treasury's part.
        uint256 tokensForSale = bound(tokensSeed, ONE, 7e28);
        uint256 price = bound(priceSeed, 1, 1e24);
        // At least 1, since tokensForSale >= 1e18; capped so that deposits stay far from any balance limit.
        uint256 maxRaise = Math.min(Math.mulDiv(tokensForSale, price, ONE), 1e30);
        uint256 hardCap = bound(hardSeed, 1, maxRaise);
        uint256 softCap = bound(softSeed, 1, hardCap);
        r.feeBps = uint16(bound(feeSeed, 0, 1_000));
        r.sale = _ethSale(tokensForSale, price, softCap, hardCap, T0 + 1 hours, T0 + 1 days);
        (r.offering, r.token, r.treasury) = _launch(r.sale, r.feeBps);
    }

    /// @dev Random deposits from distinct depositors: a third of the runs aim below the soft cap, a third between
    /// the caps, a third above.
    function _depositAll(Run memory r, uint256 count) private {
        uint256 aim = r.seed % 3 == 0 ? r.sale.softCap : r.seed % 3 == 1 ? r.sale.hardCap : 3 * uint256(r.sale.hardCap);
        r.deposits = new uint256[](count);
        vm.warp(r.sale.start);
        for (uint256 i; i < count; ++i) {
            uint256 amount = bound(uint256(keccak256(abi.encode(r.seed, i))), 1, aim / count + 1);
            r.deposits[i] = amount;
            r.raised += amount;
            vm.deal(_depositor(i), amount);
            vm.prank(_depositor(i));
            r.offering.depositETH{value: amount}(new bytes32[](0));
        }
    }

    /// @dev Settles every deposit, half by a keeper and half by a claim to another address, and checks each payout
    /// against the rules.
    function _settleAll(Run memory r) private {
        for (uint256 i; i < r.deposits.length; ++i) {
            address depositor = _depositor(i);
            address to = depositor;
            if (uint256(keccak256(abi.encode(r.seed, i, "claim"))) % 2 == 0) {
                vm.prank(makeAddr("keeper"));
                r.offering.settle(depositor);
            } else {
                to = _receiver(i);
                vm.prank(depositor);
                r.offering.claim(to);
            }
            if (i == 0) {
                assertEq(uint256(r.offering.status()), uint256(r.status), "status");
                r.proceeds = r.treasury.balance;
                assertEq(r.proceeds, r.accepted - r.fee, "proceeds to the treasury");
                assertEq(r.token.balanceOf(r.treasury) - r.treasuryTokens, r.sale.tokensForSale - r.sold, "unsold");
            }
            (uint256 tokens, uint256 refund) = SaleMath.share(r.sale, r.deposits[i], r.raised);
            assertEq(to.balance, refund, "refund");
            assertEq(r.token.balanceOf(to), tokens, "tokens");
            assertLe(refund, r.deposits[i], "refund above the deposit");
            r.tokensOut += tokens;
            r.refunds += refund;
        }
    }

    function _sweepAndCheck(Run memory r) private {
        uint256 paymentDust = address(r.offering).balance - r.fee;
        uint256 tokenDust = r.token.balanceOf(address(r.offering));
        r.offering.sweep();
        assertEq(r.treasury.balance, r.proceeds + paymentDust, "dust to the treasury");
        assertEq(address(r.offering).balance, r.fee, "only the unpaid fee is left");
        assertEq(r.token.balanceOf(address(r.offering)), 0, "tokens left after the sweep");

        uint256 tokensForSale = r.sale.tokensForSale;
        assertLe(r.tokensOut, tokensForSale, "more tokens out than for sale");
        assertLe(r.tokensOut, r.sold, "more tokens out than sold");
        assertEq(r.tokensOut + (tokensForSale - r.sold) + tokenDust, tokensForSale, "tokens unaccounted for");
        assertEq(r.proceeds + r.fee + r.refunds + paymentDust, r.raised, "payment unaccounted for");
        // Rounding leaves less than one unit per depositor.
        assertLe(tokenDust, r.deposits.length, "token dust");
        assertLe(paymentDust, r.deposits.length, "payment dust");

        if (r.fee != 0) {
            r.offering.payFee();
            assertEq(feeRecipient.balance, r.fee, "fee paid");
        }
        assertEq(address(r.offering).balance, 0, "payment left after the fee");
    }

    /// @dev position() and quote() predict exactly what settlement pays.
    function testFuzz_positionAndQuoteMatchSettlement(uint256 seed, uint256 countSeed, uint256 extraSeed) public {
        IModelOffering.SaleParams memory sale =
            _ethSale(1_000_000 * ONE, 3e15, 10 ether, 100 ether, T0 + 1 hours, T0 + 1 days);
        (IModelOffering offering,,) = _launch(sale, 250);
        uint256 count = bound(countSeed, 1, 8);
        vm.warp(sale.start);
        uint256 raised;
        for (uint256 i; i < count; ++i) {
            uint256 amount = bound(uint256(keccak256(abi.encode(seed, i))), 1, 40 ether);
            raised += amount;
            vm.deal(_depositor(i), amount);
            vm.prank(_depositor(i));
            offering.depositETH{value: amount}(new bytes32[](0));
        }
        uint256 extra = bound(extraSeed, 1, 200 ether);
        (uint256 quotedTokens, uint256 quotedRefund) = offering.quote(extra);
        (uint256 expectedTokens, uint256 expectedRefund) = SaleMath.share(sale, extra, raised + extra);
        assertEq(quotedTokens, expectedTokens, "quoted tokens");
        assertEq(quotedRefund, expectedRefund, "quoted refund");

        vm.warp(sale.end);
        for (uint256 i; i < count; ++i) {
            (uint256 deposited, uint256 tokens, uint256 refund) = offering.position(_depositor(i));
            offering.settle(_depositor(i));
            assertEq(_depositor(i).balance, refund, "refund as the position said");
            (uint256 expected,) = SaleMath.share(sale, deposited, raised);
            assertEq(tokens, expected, "tokens as the rules say");
            (deposited,,) = offering.position(_depositor(i));
            assertEq(deposited, 0, "settled position is empty");
        }
    }

    function _depositor(uint256 i) private pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encode("depositor", i)))));
    }

    function _receiver(uint256 i) private pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encode("receiver", i)))));
    }
}

/// @notice Drives one ETH sale with random deposits at random times, warps, finalisation, settlements and claims
/// by random callers, sweeps and fee payouts, and accounts for every wei and token unit that leaves the sale.
/// Every action is made whether or not it should succeed; an outcome other than the expected one is counted in
/// {surprises}, which an invariant keeps at zero.
contract OfferingHandler is SaleHandler {
    // Ghost accounting: every flow out of the sale besides the deposits and settlements counted by the base.
    uint256 public paymentToTreasury;
    uint256 public feePaid;
    uint256 public refundsPaid;
    uint256 public tokensToTreasury;
    uint256 public tokensDistributed;

    constructor(IModelOffering offering_, IERC20 token_, address treasury_, address feeRecipient_, uint16 feeBps_)
        SaleHandler(offering_, token_, treasury_, feeRecipient_, feeBps_)
    {}

    // ------------------------------------------------------------ actions

    function deposit(uint256 actorSeed, uint256 amount) external override {
        vm.warp(currentTime);
        address who = actor(actorSeed);
        amount = _bound(amount, 0, 8 ether);
        IModelOffering.SaleParams memory s = offering.config().sale;
        bool expected = !finalized && block.timestamp >= s.start && block.timestamp < s.end && amount != 0;
        vm.deal(who, who.balance + amount);
        vm.prank(who);
        try offering.depositETH{value: amount}(new bytes32[](0)) {
            if (!expected) return _surprise("deposit accepted what it should refuse");
            deposits += amount;
            depositOf[who] += amount;
            ++successes[this.deposit.selector];
        } catch {
            if (expected) _surprise("deposit refused what it should accept");
        }
    }

    function finalize(uint256 callerSeed) external override {
        vm.warp(currentTime);
        bool expected = !finalized && block.timestamp >= offering.config().sale.end;
        (uint256 treasuryPayment, uint256 treasuryTokens) = _balancesOf(treasury);
        vm.prank(actor(callerSeed));
        try offering.finalize() {
            if (!expected) return _surprise("finalize accepted what it should refuse");
            _finalized(treasuryPayment, treasuryTokens);
            ++successes[this.finalize.selector];
        } catch {
            if (expected) _surprise("finalize refused what it should accept");
        }
    }

    function sweep(uint256 callerSeed) external override {
        vm.warp(currentTime);
        bool expected = finalized && settledDeposits == deposits;
        (uint256 treasuryPayment, uint256 treasuryTokens) = _balancesOf(treasury);
        uint256 dust = address(offering).balance - feeOwed;
        vm.prank(actor(callerSeed));
        try offering.sweep() {
            if (!expected) return _surprise("sweep accepted what it should refuse");
            (uint256 payment, uint256 tokens) = _balancesOf(treasury);
            if (payment - treasuryPayment != dust) _surprise("sweep sent other than the dust");
            paymentToTreasury += payment - treasuryPayment;
            tokensToTreasury += tokens - treasuryTokens;
            ++successes[this.sweep.selector];
        } catch {
            if (expected) _surprise("sweep refused what it should accept");
        }
    }

    function payFee(uint256 callerSeed) external override {
        vm.warp(currentTime);
        bool expected = feeOwed != 0;
        uint256 before = feeRecipient.balance;
        vm.prank(actor(callerSeed));
        try offering.payFee() {
            if (!expected) return _surprise("payFee accepted what it should refuse");
            uint256 paid = feeRecipient.balance - before;
            if (paid != feeOwed) _surprise("payFee paid other than the fee");
            feePaid += paid;
            feeOwed = 0;
            ++successes[this.payFee.selector];
        } catch {
            if (expected) _surprise("payFee refused what it should accept");
        }
    }

    // ------------------------------------------------------------ internal

    /// @dev Sweeps the dust first, then pays the fee.
    function _closeOut() internal override {
        this.sweep(0);
        if (feeOwed != 0) this.payFee(0);
    }

    function _settle(address caller, address account, address to, bool isClaim) internal override {
        vm.warp(currentTime);
        bool expected = _settlementExpected(account);
        (uint256 treasuryPayment, uint256 treasuryTokens) = _balancesOf(treasury);
        (uint256 toPayment, uint256 toTokens) = _balancesOf(to);
        bool wasFinal = finalized;
        bytes memory call =
            isClaim ? abi.encodeCall(IModelOffering.claim, (to)) : abi.encodeCall(IModelOffering.settle, (account));
        vm.prank(caller);
        (bool ok,) = address(offering).call(call);
        if (!ok) {
            if (expected) _surprise("settlement refused what it should accept");
            return;
        }
        if (!expected) return _surprise("settlement accepted what it should refuse");
        if (!wasFinal) _finalized(treasuryPayment, treasuryTokens);
        _settled(account, to, toPayment, toTokens);
        ++successes[isClaim ? this.claim.selector : this.settle.selector];
    }

    /// @dev Accounts for `account`'s settlement to `to`, which held `toPayment` and `toTokens` before it.
    function _settled(address account, address to, uint256 toPayment, uint256 toTokens) private {
        uint256 deposited = depositOf[account];
        uint256 refund = to.balance - toPayment;
        uint256 received = token.balanceOf(to) - toTokens;
        (uint256 dueTokens, uint256 dueRefund) = SaleMath.share(offering.config().sale, deposited, deposits);
        if (refund != dueRefund || received != dueTokens) _surprise("settlement paid other than the rules say");
        if (refund > deposited) _surprise("refund above the deposit");
        refundsPaid += refund;
        tokensDistributed += received;
        settledDeposits += deposited;
        ++settlements[account];
    }

    function _finalized(uint256 treasuryPayment, uint256 treasuryTokens) private {
        finalized = true;
        IModelOffering.SaleParams memory s = offering.config().sale;
        (, uint256 accepted, uint256 sold) = SaleMath.outcome(s, deposits);
        feeOwed = accepted * feeBps / 10_000;
        (uint256 payment, uint256 tokens) = _balancesOf(treasury);
        if (payment - treasuryPayment != accepted - feeOwed) _surprise("finalisation sent other than the proceeds");
        if (tokens - treasuryTokens != s.tokensForSale - sold) _surprise("finalisation sent other than the unsold");
        paymentToTreasury += payment - treasuryPayment;
        tokensToTreasury += tokens - treasuryTokens;
    }

    function _balancesOf(address account) private view returns (uint256 payment, uint256 tokens) {
        return (account.balance, token.balanceOf(account));
    }
}

/// @notice Invariants of one ETH sale (soft cap 10 ETH, hard cap 25 ETH, 2.5% fee) under random sequences of
/// deposits, warps, finalisation, settlements, claims, sweeps and fee payouts. Runs and depth come from the
/// project's Solidity test config.
contract ModelOfferingInvariantTest is OfferingSetup {
    uint16 private constant FEE_BPS = 250;

    IModelOffering internal offering;
    IERC20 internal token;
    address internal treasury;
    OfferingHandler internal handler;
    uint256 internal tokensForSale;

    function setUp() public {
        _deployProtocol();
        tokensForSale = 1_000_000 * ONE;
        (offering, token, treasury) =
            _launch(_ethSale(tokensForSale, 3e15, 10 ether, 25 ether, T0 + 1 hours, T0 + 13 hours), FEE_BPS);
        handler = new OfferingHandler(offering, token, treasury, feeRecipient, FEE_BPS);
        targetContract(address(handler));
        targetSelector(address(handler), handler.actions());
    }

    /// @dev Every outcome, and every amount paid, matched the rules.
    function invariant_everyOutcomeWasExpected() public view {
        assertEq(handler.surprises(), 0, handler.firstSurprise());
    }

    /// @dev What the sale holds, plus what it paid the treasury, the fee recipient and the depositors, is exactly
    /// what was deposited.
    function invariant_paymentIsConserved() public view {
        assertEq(
            address(offering).balance + handler.paymentToTreasury() + handler.feePaid() + handler.refundsPaid(),
            handler.deposits()
        );
    }

    /// @dev What the sale holds, plus what it sent the treasury and the depositors, is exactly the tokens for sale.
    function invariant_tokensAreConserved() public view {
        assertEq(
            token.balanceOf(address(offering)) + handler.tokensToTreasury() + handler.tokensDistributed(),
            tokensForSale
        );
    }

    function invariant_noDepositorSettlesTwice() public view {
        for (uint256 i; i < 5; ++i) {
            assertLe(handler.settlements(handler.actor(i)), 1, "settled twice");
        }
    }

    function invariant_settledDepositsNeverExceedDeposits() public view {
        (uint256 deposits, uint256 settled,,,) = offering.totals();
        assertEq(deposits, handler.deposits(), "deposits");
        assertEq(settled, handler.settledDeposits(), "settled deposits");
        assertLe(settled, deposits, "settled above deposits");
    }

    /// @dev The sale never holds less than the refunds it still owes plus the unpaid fee.
    function invariant_holdsWhatItOwes() public view {
        if (!handler.finalized()) {
            assertEq(address(offering).balance, handler.deposits(), "before finalisation the sale holds every deposit");
            return;
        }
        (,,,, uint256 feeOwed) = offering.totals();
        assertEq(feeOwed, handler.feeOwed(), "fee owed");
        assertGe(address(offering).balance, feeOwed, "holds the fee");
    }

    /// @dev However a sequence ended, closing the sale and settling everyone leaves the sale empty.
    function afterInvariant() public {
        handler.finish();
        assertEq(handler.surprises(), 0, handler.firstSurprise());
        assertEq(address(offering).balance, 0, "payment left");
        assertEq(token.balanceOf(address(offering)), 0, "tokens left");
        assertEq(handler.settledDeposits(), handler.deposits(), "unsettled deposits");
        assertEq(handler.paymentToTreasury() + handler.feePaid() + handler.refundsPaid(), handler.deposits());
        assertEq(handler.tokensToTreasury() + handler.tokensDistributed(), tokensForSale);
    }
}
