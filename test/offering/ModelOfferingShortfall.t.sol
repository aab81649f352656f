// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {ONE, T0} from "../fixtures/Constants.sol";

import {IModelOffering} from "../../contracts/interfaces/IModelOffering.sol";
import {RebasingPaymentToken} from "../../contracts/mocks/RebasingPaymentToken.sol";

import {OfferingSetup, SaleHandler, SaleMath} from "./SaleHandler.sol";

/// @notice Drives one sale paid in a rebasing ERC-20 whose value the sale may lose at any time (a negative rebase,
/// as a slashing does), among random deposits, warps, finalisation, settlements, claims, sweeps and fee payouts.
/// Every payout of the payment token is compared with the share of what the sale held that the claim was owed,
/// computed from the rules apart from the contract: the loss must be shared, never fall on the last claimant.
/// An unexpected outcome (a payout refused, one paid other than its share) is counted in {surprises}.
contract ShortfallHandler is SaleHandler {
    /// @dev How far a payout may fall below its exact share of what is held, in payment units: the contract
    /// counts the refunds still owed by a bound that exceeds them by at most one unit per unsettled deposit and
    /// one for rounding; the payout itself rounds down, and a rebasing transfer may move one unit more.
    uint256 public constant SLACK = ACTORS + 3;

    RebasingPaymentToken public immutable payment;

    uint256 public lost;
    /// @dev Whether the token ever rebased: until then every transfer moves exactly what it says.
    bool public rebased;

    constructor(
        IModelOffering offering_,
        IERC20 token_,
        RebasingPaymentToken payment_,
        address treasury_,
        address feeRecipient_,
        uint16 feeBps_
    ) SaleHandler(offering_, token_, treasury_, feeRecipient_, feeBps_) {
        payment = payment_;
    }

    // ------------------------------------------------------------ actions

    function deposit(uint256 actorSeed, uint256 amount) external override {
        vm.warp(currentTime);
        address who = actor(actorSeed);
        amount = _bound(amount, 0, 4_000e6);
        IModelOffering.SaleParams memory s = offering.config().sale;
        bool expected = !finalized && block.timestamp >= s.start && block.timestamp < s.end && amount != 0;
        payment.mint(who, amount);
        vm.prank(who);
        payment.approve(address(offering), amount);
        (uint256 before,,,,) = offering.totals();
        vm.prank(who);
        try offering.deposit(amount, new bytes32[](0)) {
            if (!expected) return _surprise("deposit accepted what it should refuse");
            (uint256 afterwards,,,,) = offering.totals();
            // Counted by what arrived, which a rebasing transfer may round.
            deposits += afterwards - before;
            depositOf[who] += afterwards - before;
            ++successes[this.deposit.selector];
        } catch (bytes memory reason) {
            // After heavy losses a unit of the token is worth less than a share: a deposit of a few units may
            // credit nothing, and is refused as zero.
            if (expected && bytes4(reason) != IModelOffering.OfferingZeroDeposit.selector) {
                _surprise("deposit refused what it should accept");
            }
        }
    }

    /// @notice Every balance of the payment token loses `bps` (up to 30%), the sale's with them.
    function slash(uint256 bps) external {
        bps = _bound(bps, 0, 3_000);
        uint256 held = payment.balanceOf(address(offering));
        payment.rebase(10_000 - bps, 10_000);
        lost += held - payment.balanceOf(address(offering));
        if (bps != 0) rebased = true;
    }

    function finalize(uint256 callerSeed) external override {
        vm.warp(currentTime);
        bool expected = !finalized && block.timestamp >= offering.config().sale.end;
        uint256 held = payment.balanceOf(address(offering));
        uint256 owed = _owed();
        uint256 treasuryPayment = payment.balanceOf(treasury);
        vm.prank(actor(callerSeed));
        try offering.finalize() {
            if (!expected) return _surprise("finalize accepted what it should refuse");
            _finalized(held, owed, treasuryPayment);
            ++successes[this.finalize.selector];
        } catch {
            if (expected) _surprise("finalize refused what it should accept");
        }
    }

    function sweep(uint256 callerSeed) external override {
        vm.warp(currentTime);
        bool expected = finalized && _allSettled();
        uint256 held = payment.balanceOf(address(offering));
        vm.prank(actor(callerSeed));
        try offering.sweep() {
            if (!expected) return _surprise("sweep accepted what it should refuse");
            uint256 left = payment.balanceOf(address(offering));
            // What is swept is all that is held beyond the unpaid fee, or nothing when less than the fee is left.
            if (left != Math.min(held, feeOwed)) _surprise("sweep left other than the unpaid fee");
            ++successes[this.sweep.selector];
        } catch {
            if (expected) _surprise("sweep refused what it should accept");
        }
    }

    function payFee(uint256 callerSeed) external override {
        vm.warp(currentTime);
        bool expected = feeOwed != 0;
        uint256 held = payment.balanceOf(address(offering));
        uint256 owed = _owed();
        uint256 before = payment.balanceOf(feeRecipient);
        uint256 due = feeOwed;
        vm.prank(actor(callerSeed));
        try offering.payFee() {
            if (!expected) return _surprise("payFee accepted what it should refuse");
            _paid(due, payment.balanceOf(feeRecipient) - before, held, owed);
            feeOwed = 0;
            ++successes[this.payFee.selector];
        } catch {
            if (expected) _surprise("payFee refused what it should accept");
        }
    }

    // ------------------------------------------------------------ internal

    /// @dev The loss of value the sale may suffer at any time.
    function _ownActions() internal pure override returns (bytes4[] memory own) {
        own = new bytes4[](1);
        own[0] = this.slash.selector;
    }

    /// @dev What a settlement's checks need from before it.
    struct Before {
        bool wasFinal;
        uint256 held;
        uint256 owed;
        uint256 treasuryPayment;
        uint256 toPayment;
        uint256 toTokens;
    }

    /// @dev Pays the fee first, then sweeps what is left.
    function _closeOut() internal override {
        if (feeOwed != 0) this.payFee(0);
        this.sweep(0);
    }

    function _settle(address caller, address account, address to, bool isClaim) internal override {
        vm.warp(currentTime);
        bool expected = _settlementExpected(account);
        Before memory b = Before({
            wasFinal: finalized,
            held: payment.balanceOf(address(offering)),
            owed: _owed(),
            treasuryPayment: payment.balanceOf(treasury),
            toPayment: payment.balanceOf(to),
            toTokens: token.balanceOf(to)
        });
        bytes memory call =
            isClaim ? abi.encodeCall(IModelOffering.claim, (to)) : abi.encodeCall(IModelOffering.settle, (account));
        vm.prank(caller);
        (bool ok,) = address(offering).call(call);
        if (!ok) {
            if (expected) _surprise("settlement refused what it should accept");
            return;
        }
        if (!expected) return _surprise("settlement accepted what it should refuse");
        if (!b.wasFinal) {
            // Finalised first, inside the settlement: the proceeds were paid before the refund, out of `held`.
            _finalized(b.held, b.owed, b.treasuryPayment);
            b.held -= Math.min(b.held, payment.balanceOf(treasury) - b.treasuryPayment);
            b.owed = _owed();
        }
        (uint256 dueTokens, uint256 dueRefund) = SaleMath.share(offering.config().sale, depositOf[account], deposits);
        if (token.balanceOf(to) - b.toTokens != dueTokens) _surprise("settlement sent other than the tokens due");
        _paid(dueRefund, payment.balanceOf(to) - b.toPayment, b.held, b.owed);
        settledDeposits += depositOf[account];
        ++settlements[account];
        ++successes[isClaim ? this.claim.selector : this.settle.selector];
    }

    function _finalized(uint256 held, uint256 owed, uint256 treasuryPayment) private {
        finalized = true;
        (, uint256 accepted,) = SaleMath.outcome(offering.config().sale, deposits);
        feeOwed = accepted * feeBps / 10_000;
        _paid(accepted - feeOwed, payment.balanceOf(treasury) - treasuryPayment, held, owed);
    }

    /// @dev Checks one payout: `got` of a claim of `due` when the sale held `held` and owed `owed` in all.
    function _paid(uint256 due, uint256 got, uint256 held, uint256 owed) private {
        // A rebasing transfer may deliver one unit more than was sent.
        if (got > due + 1) return _surprise("a payout above its claim");
        if (!rebased) {
            if (got != due) _surprise("a payout cut without any loss");
            return;
        }
        uint256 fair = held >= owed ? due : Math.mulDiv(due, held, owed);
        if (got + SLACK < fair) _surprise("a payout below its share of what is held");
    }

    /// @notice What the sale owes in all by the sale's rules: every deposit until it is final, then the unpaid fee
    /// and the refunds of the deposits not settled.
    function owedNow() external view returns (uint256) {
        return _owed();
    }

    function _owed() private view returns (uint256 owed) {
        if (!finalized) return deposits;
        owed = feeOwed;
        IModelOffering.SaleParams memory s = offering.config().sale;
        for (uint256 i; i < ACTORS; ++i) {
            address account = actor(i);
            if (settlements[account] != 0) continue;
            (, uint256 refund) = SaleMath.share(s, depositOf[account], deposits);
            owed += refund;
        }
    }

    function _allSettled() private view returns (bool) {
        for (uint256 i; i < ACTORS; ++i) {
            if (depositOf[actor(i)] != 0 && settlements[actor(i)] == 0) return false;
        }
        return true;
    }

}

/// @notice Invariants of one sale paid in a rebasing ERC-20 that may lose value at any time (soft cap 1,000,
/// hard cap 5,000 units of 6 decimals, 2.5% fee): no payout is ever refused, each is its share of what the sale
/// holds, and the sale always ends empty.
contract ModelOfferingShortfallInvariantTest is OfferingSetup {
    uint16 private constant FEE_BPS = 250;

    IModelOffering internal offering;
    IERC20 internal token;
    RebasingPaymentToken internal payment;
    address internal treasury;
    ShortfallHandler internal handler;

    function setUp() public {
        _deployProtocol();
        payment = new RebasingPaymentToken();
        IModelOffering.SaleParams memory sale =
            _ethSale(1_000_000 * ONE, 5_000, 1_000e6, 5_000e6, T0 + 1 hours, T0 + 13 hours);
        sale.paymentToken = address(payment);
        (offering, token, treasury) = _launch(sale, FEE_BPS);
        handler = new ShortfallHandler(offering, token, payment, treasury, feeRecipient, FEE_BPS);
        targetContract(address(handler));
        targetSelector(address(handler), handler.actions());
    }

    /// @dev Every outcome matched the rules, and every payout was its share of what the sale held.
    function invariant_everyPayoutIsItsShare() public view {
        assertEq(handler.surprises(), 0, handler.firstSurprise());
    }

    /// @dev The sale's totals follow the deposits and settlements made, losses or not.
    function invariant_totalsFollowDepositsAndSettlements() public view {
        (uint256 deposits, uint256 settled,,,) = offering.totals();
        assertEq(deposits, handler.deposits(), "deposits");
        assertEq(settled, handler.settledDeposits(), "settled deposits");
    }

    /// @dev Until the payment token loses value, the sale holds at least everything it owes: rounding favours it,
    /// so no payout is ever cut without a loss.
    function invariant_holdsWhatItOwesWithoutLoss() public view {
        if (!handler.rebased()) assertGe(payment.balanceOf(address(offering)), handler.owedNow());
    }

    /// @dev However a sequence ended, closing the sale and settling everyone pays every claim and leaves the sale
    /// with nothing: a loss of the payment token locks nothing.
    function afterInvariant() public {
        handler.finish();
        assertEq(handler.surprises(), 0, handler.firstSurprise());
        assertEq(payment.balanceOf(address(offering)), 0, "payment left");
        assertEq(token.balanceOf(address(offering)), 0, "tokens left");
        (uint256 deposits, uint256 settled,,, uint256 feeOwed) = offering.totals();
        assertEq(settled, deposits, "unsettled deposits");
        assertEq(feeOwed, 0, "fee unpaid");
    }
}

/// @notice Fuzz: one sale paid in a rebasing ERC-20 that loses up to 90% of its value once, before the sale is
/// final, after it, or half-way through the settlements. Every depositor is then paid at least its claim less
/// that loss, and the sale ends empty.
contract ModelOfferingShortfallFuzzTest is OfferingSetup {
    uint256 private constant DEPOSITORS = 6;

    function setUp() public {
        _deployProtocol();
    }

    struct Run {
        RebasingPaymentToken payment;
        IModelOffering.SaleParams sale;
        IModelOffering offering;
        IERC20 token;
        address treasury;
        uint256[] amounts;
        uint256 raised;
        uint256 lossBps;
    }

    function testFuzz_lossIsSharedByEveryClaim(uint256 seed, uint256 lossBps, uint256 whenSeed, uint256 aimSeed) public {
        Run memory r;
        r.payment = new RebasingPaymentToken();
        r.sale = _ethSale(1_000_000 * ONE, 5_000, 1_000e6, 5_000e6, T0 + 1 hours, T0 + 1 days);
        r.sale.paymentToken = address(r.payment);
        (r.offering, r.token, r.treasury) = _launch(r.sale, 250);
        r.lossBps = bound(lossBps, 1, 9_000);
        uint256 when = whenSeed % 3;
        // Deposits aimed below the soft cap, between the caps or above the hard cap.
        _depositAll(r, seed, [uint256(900e6), 3_000e6, 12_000e6][aimSeed % 3]);

        vm.warp(r.sale.end);
        if (when == 0) r.payment.rebase(10_000 - r.lossBps, 10_000);
        r.offering.finalize();
        if (when == 1) r.payment.rebase(10_000 - r.lossBps, 10_000);
        for (uint256 i; i < DEPOSITORS; ++i) {
            if (when == 2 && i == DEPOSITORS / 2) r.payment.rebase(10_000 - r.lossBps, 10_000);
            _settleAndCheck(r, i);
        }
        (,,,, uint256 feeOwed) = r.offering.totals();
        if (feeOwed != 0) r.offering.payFee();
        r.offering.sweep();
        assertEq(r.payment.balanceOf(address(r.offering)), 0, "payment left");
        assertEq(r.token.balanceOf(address(r.offering)), 0, "tokens left");
        // What a failed sale keeps is nothing; one that sold keeps its proceeds, less the loss.
        if (r.raised >= r.sale.softCap) assertGt(r.payment.balanceOf(r.treasury), 0, "no proceeds");
    }

    function _depositAll(Run memory r, uint256 seed, uint256 aim) private {
        vm.warp(r.sale.start);
        r.amounts = new uint256[](DEPOSITORS);
        for (uint256 i; i < DEPOSITORS; ++i) {
            uint256 amount = bound(uint256(keccak256(abi.encode(seed, i))), 1e6, 2 * aim / DEPOSITORS);
            r.amounts[i] = amount;
            r.raised += amount;
            r.payment.mint(_depositor(i), amount);
            vm.startPrank(_depositor(i));
            r.payment.approve(address(r.offering), amount);
            r.offering.deposit(amount, new bytes32[](0));
            vm.stopPrank();
        }
    }

    /// @dev Settles depositor `i`: its tokens exactly, and a refund of at least its claim less the loss (and the
    /// rounding slack), never more than its claim.
    function _settleAndCheck(Run memory r, uint256 i) private {
        (uint256 tokens, uint256 refund) = SaleMath.share(r.sale, r.amounts[i], r.raised);
        r.offering.settle(_depositor(i));
        assertEq(r.token.balanceOf(_depositor(i)), tokens, "tokens");
        uint256 got = r.payment.balanceOf(_depositor(i));
        assertLe(got, refund + 1, "refund above the claim");
        assertGe(got + DEPOSITORS + 3, refund * (10_000 - r.lossBps) / 10_000, "refund below its share");
    }

    function _depositor(uint256 i) private pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encode("shortfall depositor", i)))));
    }
}
