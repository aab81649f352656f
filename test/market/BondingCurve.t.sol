// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

import {IBondingCurve} from "../../contracts/interfaces/IBondingCurve.sol";
import {IModelOffering} from "../../contracts/interfaces/IModelOffering.sol";
import {BondingCurve} from "../../contracts/market/BondingCurve.sol";
import {CurveArgs} from "../../contracts/market/CurveArgs.sol";
import {MockSubnetToken} from "../../contracts/mocks/MockSubnetToken.sol";
import {Handler} from "../utils/Handler.sol";
import {Test} from "../utils/Test.sol";

/// @dev The terms every test here uses: 800,000 tokens against 30 ETH of virtual reserve, a 60 ETH target, a 1% fee
/// (50% at the launch block, over 10 blocks), a week to the deadline; no market (graduation is tested in TypeScript
/// against the published Uniswap V2).
abstract contract CurveSetup is Test {
    uint256 internal constant N = 800_000e18;
    uint256 internal constant RESERVE_TOKENS = 200_000e18;
    uint256 internal constant V = 30 ether;
    uint256 internal constant TARGET = 60 ether;

    function _curve(MockSubnetToken token, address treasury, uint16 feeBps) internal returns (BondingCurve curve) {
        BondingCurve impl = new BondingCurve(IModelOffering.Market(address(0), address(0), address(0), bytes32(0)));
        IBondingCurve.Config memory c = IBondingCurve.Config({
            token: address(token),
            treasury: treasury,
            launchBlock: uint64(block.number),
            reserveTokens: RESERVE_TOKENS,
            curve: IBondingCurve.CurveParams({
                paymentToken: address(0),
                tokensForCurve: N,
                virtualQuote: V,
                targetQuote: TARGET,
                feeBps: feeBps,
                openingFeeBps: 5_000,
                openingBlocks: 10,
                // The mock token takes no revenue: collecting falls back to the treasury every time.
                feesToHolders: true,
                deadline: uint40(block.timestamp + 7 days),
                lockDuration: 365 days
            })
        });
        curve = BondingCurve(payable(Clones.cloneWithImmutableArgs(address(impl), CurveArgs.encode(c))));
        token.mint(address(curve), N + RESERVE_TOKENS);
    }
}

/// @notice Random buys, sells, fee collections, reclaims and the clock and block moving, by three buyers, before the
/// deadline and after it; the handler keeps what was paid in and out and the fees.
contract CurveHandler is Handler {
    BondingCurve public immutable curve;
    MockSubnetToken public immutable token;
    address public immutable treasury;

    /// @notice Quote that entered the reserve (buys' payments less fees and refunds) and left it (sales' gross).
    uint256 public reserveIn;
    uint256 public reserveOut;
    /// @notice Fees accrued and not yet collected, by the handler's own count; and all collected.
    uint256 public feesOwed;
    uint256 public feesCollected;

    constructor(BondingCurve curve_, MockSubnetToken token_, address treasury_) {
        (curve, token, treasury) = (curve_, token_, treasury_);
    }

    /// @notice Buyer `i` (0 to 2).
    function actors(uint256 i) public pure returns (address) {
        return address(uint160(0xB0B0 + i));
    }

    /// @notice The actions the invariant runner calls.
    function actions() external pure returns (bytes4[] memory selectors) {
        selectors = new bytes4[](6);
        selectors[0] = this.buy.selector;
        selectors[1] = this.sell.selector;
        selectors[2] = this.collect.selector;
        selectors[3] = this.reclaim.selector;
        selectors[4] = this.wait.selector;
        selectors[5] = this.roll.selector;
    }

    /// @notice A buyer pays up to 30 ETH (past the target, the rest comes back).
    function buy(uint256 seed, uint256 amount) external {
        address actor = actors(seed % 3);
        amount = _bound(amount, 1, 30 ether);
        vm.deal(actor, amount);
        IBondingCurve.Status status = curve.status();
        (uint256 reserveBefore, uint256 feesBefore) = _reserveAndFees();
        uint256 tokensBefore = token.balanceOf(actor);
        vm.prank(actor);
        try curve.buy{value: amount}(amount, 0, type(uint256).max) returns (uint256 out) {
            if (status != IBondingCurve.Status.Trading) _surprise("a buy outside trading");
            (uint256 reserveAfter, uint256 feesAfter) = _reserveAndFees();
            uint256 refund = actor.balance;
            if (amount != reserveAfter - reserveBefore + feesAfter - feesBefore + refund) _surprise("a buy's split");
            if (token.balanceOf(actor) - tokensBefore != out) _surprise("tokens out");
            reserveIn += reserveAfter - reserveBefore;
            feesOwed += feesAfter - feesBefore;
        } catch (bytes memory reason) {
            bytes4 why = bytes4(reason);
            bool expected = (status != IBondingCurve.Status.Trading && why == IBondingCurve.CurveWrongStatus.selector)
                || why == IBondingCurve.CurveZeroAmount.selector;
            if (!expected) _surprise("a buy refused");
        }
    }

    /// @notice A buyer sells back part or all of what it bought (sometimes a unit more, which must be refused).
    function sell(uint256 seed, uint256 fraction) external {
        address actor = actors(seed % 3);
        uint256 bought = curve.boughtOf(actor);
        bool tooMuch = (seed >> 2) % 8 == 0;
        uint256 amount = tooMuch ? bought + 1 : bought * _bound(fraction, 1, 100) / 100;
        if (amount == 0) return;
        IBondingCurve.Status status = curve.status();
        (uint256 reserveBefore, uint256 feesBefore) = _reserveAndFees();
        uint256 ethBefore = actor.balance;
        vm.startPrank(actor);
        token.approve(address(curve), amount);
        try curve.sell(amount, 0, type(uint256).max) returns (uint256 quoteOut) {
            if (tooMuch) _surprise("sold more than bought");
            if (status != IBondingCurve.Status.Trading && status != IBondingCurve.Status.Refunding) {
                _surprise("a sale outside trading");
            }
            (uint256 reserveAfter, uint256 feesAfter) = _reserveAndFees();
            if (actor.balance - ethBefore != quoteOut) _surprise("quote out");
            uint256 fee = feesAfter - feesBefore;
            if (status == IBondingCurve.Status.Refunding && fee != 0) _surprise("a fee while refunding");
            if (reserveBefore - reserveAfter != quoteOut + fee) _surprise("a sale's split");
            reserveOut += reserveBefore - reserveAfter;
            feesOwed += fee;
        } catch (bytes memory reason) {
            bytes4 why = bytes4(reason);
            bool expected = (tooMuch && why == IBondingCurve.CurveSellExceedsBought.selector)
                || (status == IBondingCurve.Status.Graduating && why == IBondingCurve.CurveWrongStatus.selector);
            if (!expected) _surprise("a sale refused");
        }
        vm.stopPrank();
    }

    /// @notice Anyone collects the fees (to the treasury: the mock token refuses revenue).
    function collect() external {
        uint256 before = treasury.balance;
        try curve.collectFees() {
            if (treasury.balance - before != feesOwed) _surprise("fees collected");
            feesCollected += feesOwed;
            feesOwed = 0;
        } catch (bytes memory reason) {
            if (feesOwed != 0 || bytes4(reason) != IBondingCurve.CurveNoFees.selector) _surprise("a collection refused");
        }
    }

    /// @notice Anyone reclaims the curve's tokens for the treasury (refused before the deadline).
    function reclaim() external {
        IBondingCurve.Status status = curve.status();
        try curve.reclaim() {
            if (status != IBondingCurve.Status.Refunding) _surprise("a reclaim outside refunding");
        } catch (bytes memory reason) {
            bytes4 why = bytes4(reason);
            bool expected = why == IBondingCurve.CurveWrongStatus.selector || why == IBondingCurve.CurveNothingToReclaim.selector;
            if (!expected) _surprise("a reclaim refused");
        }
    }

    /// @notice The clock moves by up to three days.
    function wait(uint256 seconds_) external {
        vm.warp(block.timestamp + _bound(seconds_, 1, 3 days));
    }

    /// @notice Blocks pass (the opening fee falls).
    function roll(uint256 blocks) external {
        vm.roll(block.number + _bound(blocks, 1, 5));
    }

    function _reserveAndFees() private view returns (uint256 reserve, uint256 fees) {
        (reserve,, fees,) = curve.state();
    }
}

/// @notice Quote and tokens are conserved, and every buyer can always sell everything back.
contract BondingCurveInvariantTest is CurveSetup {
    BondingCurve internal curve;
    MockSubnetToken internal token;
    CurveHandler internal handler;
    address internal treasury = address(0x7EA5);

    function setUp() public {
        token = new MockSubnetToken("MDL", 18);
        curve = _curve(token, treasury, 100);
        handler = new CurveHandler(curve, token, treasury);
        targetContract(address(handler));
        targetSelector(address(handler), handler.actions());
    }

    /// @dev Every outcome was the one the handler expected.
    function invariant_everyOutcomeWasExpected() public view {
        assertEq(handler.surprises(), 0, handler.firstSurprise());
    }

    /// @dev The reserve is what entered it less what left it; the quote the curve holds is the reserve, the fees and
    /// the credits, and the fees are the handler's count.
    function invariant_quoteConserved() public view {
        (uint256 reserve, uint256 onCurve, uint256 fees, uint256 credits) = curve.state();
        assertEq(reserve, handler.reserveIn() - handler.reserveOut(), "reserve");
        assertEq(fees, handler.feesOwed(), "fees");
        assertEq(address(curve).balance, reserve + fees + credits, "balance");
        // (V + R) · S >= V · N: the reserve covers buying back every token sold.
        assertGe((V + reserve) * onCurve, V * N, "constant product");
        assertLe(reserve, TARGET, "reserve above the target");
    }

    /// @dev Tokens on the curve, with the buyers and with the treasury add up to what the curve was given; what the
    /// buyers may sell back adds up to the tokens sold.
    function invariant_tokensConserved() public view {
        uint256 held;
        uint256 bought;
        for (uint256 i; i < 3; ++i) {
            held += token.balanceOf(handler.actors(i));
            bought += curve.boughtOf(handler.actors(i));
        }
        (, uint256 onCurve,,) = curve.state();
        assertEq(token.balanceOf(address(curve)) + held + token.balanceOf(treasury), N + RESERVE_TOKENS, "tokens");
        assertEq(bought, N - onCurve, "bought");
        assertEq(bought, held, "held");
    }

    /// @dev Every buyer selling everything back, in any order, succeeds and empties the reserve to rounding (a few
    /// units per sale).
    function invariant_everyoneCanSellBack() public {
        if (curve.status() == IBondingCurve.Status.Graduating) return;
        uint256 snapshot = vm.snapshotState();
        for (uint256 i; i < 3; ++i) {
            address actor = handler.actors(i);
            uint256 amount = curve.boughtOf(actor);
            if (amount == 0) continue;
            vm.startPrank(actor);
            token.approve(address(curve), amount);
            curve.sell(amount, 0, type(uint256).max);
            vm.stopPrank();
        }
        (uint256 reserve, uint256 onCurve,,) = curve.state();
        assertEq(onCurve, N, "tokens back on the curve");
        assertLe(reserve, 16, "reserve left beyond rounding");
        vm.revertToState(snapshot);
    }
}

/// @notice One buy and its sale back, of any size at any point of the opening: the seller never gets more than it paid.
contract BondingCurveFuzzTest is CurveSetup {
    function testFuzz_buyThenSell_neverProfits(uint256 first, uint256 amount, uint8 blocks) public {
        MockSubnetToken token = new MockSubnetToken("MDL", 18);
        BondingCurve curve = _curve(token, address(0x7EA5), 100);
        vm.roll(block.number + bound(blocks, 0, 20));
        address other = address(0xA11CE);
        // A first buy too small to buy a unit is refused (CurveZeroAmount): none then.
        first = bound(first, 0, 50 ether);
        if (first >= 1 gwei) {
            vm.deal(other, first);
            vm.prank(other);
            curve.buy{value: first}(first, 0, type(uint256).max);
        }
        if (curve.status() != IBondingCurve.Status.Trading) return;
        amount = bound(amount, 1 ether / 1e6, 30 ether);
        address buyer = address(0xB0B);
        vm.deal(buyer, amount);
        vm.startPrank(buyer);
        uint256 tokens = curve.buy{value: amount}(amount, 0, type(uint256).max);
        uint256 spent = amount - buyer.balance;
        if (curve.status() == IBondingCurve.Status.Graduating) return;
        token.approve(address(curve), tokens);
        uint256 back = curve.sell(tokens, 0, type(uint256).max);
        vm.stopPrank();
        assertLe(back, spent, "a round trip paid more than it cost");
    }
}
