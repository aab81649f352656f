// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {NATIVE} from "../fixtures/Constants.sol";
import {Handler} from "../utils/Handler.sol";

import {IModelRevenue} from "../../contracts/interfaces/IModelRevenue.sol";
import {IModelToken} from "../../contracts/interfaces/IModelToken.sol";
import {MockStablecoin} from "../../contracts/mocks/MockStablecoin.sol";
import {ModelToken} from "../../contracts/token/ModelToken.sol";
import {ModelId} from "../../contracts/types/ModelId.sol";

import {Parking, RevenueSetup} from "./RevenueShare.t.sol";

/// @notice Drives one model token with random deposits of ETH and two ERC-20s (released at once or streamed,
/// dust included), transfers among three holders, two contracts (a pool the DAO excluded while it was empty and a
/// vault that starts empty) and a forwarding account (as the sale is), claims of every kind (by the holder, and
/// for it by anyone), redemptions, exclusions by the DAO and by holders themselves and inclusions, an eligible
/// supply driven down to a sliver, stream durations, an ERC-20's removal and return, and time. It is the model's
/// owner, hence the token's DAO. Every action is made whether or not it should succeed; an outcome other than
/// the expected one, or a payment other than what the views announced, is counted in {surprises}, which an
/// invariant keeps at zero.
contract RevenueHandler is Handler {
    uint256 private constant ACC_MAX = (1 << 127) - 1;
    uint256 public constant ASSETS = 3;
    uint256 public constant HOLDERS = 6;
    address private constant PAYER = address(0xBEEF);
    address private constant SINK = address(0x5111C);

    ModelToken public immutable token;
    Parking public immutable pool;
    Parking public immutable vault;
    address public immutable desk;
    MockStablecoin public immutable coinA;
    MockStablecoin public immutable coinB;

    uint256 public currentTime;
    /// @notice Per asset (ETH, coinA, coinB): everything deposited, claimed and paid out of the reserve.
    uint256[3] public deposited;
    uint256[3] public claimed;
    uint256[3] public redeemed;
    /// @notice Successful calls that change the token's books (claims and settings included).
    uint256 public operations;
    /// @notice The most dust seen after any call, per asset.
    uint256[3] public maxDust;
    /// @notice Successful calls per action.
    mapping(bytes4 action => uint256) public successes;

    constructor(ModelToken token_, address desk_, MockStablecoin coinA_, MockStablecoin coinB_) {
        token = token_;
        desk = desk_;
        coinA = coinA_;
        coinB = coinB_;
        pool = new Parking();
        vault = new Parking();
        currentTime = block.timestamp;
    }

    // ------------------------------------------------------------ actions

    function depositETH(uint256 amount) external {
        vm.warp(currentTime);
        amount = _bound(amount, 0, 1_000 ether);
        vm.deal(PAYER, amount);
        vm.prank(PAYER);
        try token.depositETH{value: amount}() {
            _deposited(0, amount);
        } catch (bytes memory err) {
            _depositRefused(0, amount, err);
        }
    }

    function depositToken(uint256 assetSeed, uint256 amount) external {
        vm.warp(currentTime);
        uint256 i = 1 + assetSeed % 2;
        MockStablecoin coin = i == 1 ? coinA : coinB;
        amount = _bound(amount, 0, 1e15);
        coin.mint(PAYER, amount);
        vm.startPrank(PAYER);
        coin.approve(address(token), amount);
        try token.deposit(address(coin), amount) {
            vm.stopPrank();
            _deposited(i, amount);
        } catch (bytes memory err) {
            vm.stopPrank();
            _depositRefused(i, amount, err);
        }
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        vm.warp(currentTime);
        address from = holder(fromSeed);
        address to = holder(toSeed);
        amount = _bound(amount, 0, token.balanceOf(from));
        uint256[3] memory before = _claimableSums();
        vm.prank(from);
        try token.transfer(to, amount) {}
        catch {
            return _surprise("transfer refused");
        }
        // A transfer creates no revenue. (What it rounds away is bounded by the dust invariant, not here: a holder
        // whose rounding left it owing a unit or two shows 0 as claimable, and its debt surfaces only when it
        // next earns, so the sum of what the views show may drop by more than this transfer's own rounding.)
        uint256[3] memory afterwards = _claimableSums();
        for (uint256 i; i < ASSETS; ++i) {
            if (afterwards[i] > before[i]) return _surprise("transfer created revenue");
        }
        _operated();
    }

    function claim(uint256 holderSeed, uint256 assetSeed, uint256 mode) external {
        vm.warp(currentTime);
        address account = holder(holderSeed);
        uint256 i = assetSeed % ASSETS;
        address asset = assetAt(i);
        uint256 due = token.claimable(account, asset);
        bool forwards = account == desk;
        // Mode 0: the holder claims to a sink; mode 1: anyone claims for the holder, who is paid (not a contract).
        bool byHolder = mode % 2 == 0;
        bool pushed = !byHolder && account.code.length != 0;
        bool expected = !forwards && !pushed && due != 0;
        address to = byHolder ? SINK : account;
        uint256 before = _balanceOf(i, to);
        bytes memory call = byHolder
            ? abi.encodeCall(IModelRevenue.claim, (asset, SINK))
            : abi.encodeCall(IModelRevenue.claimFor, (account, asset));
        if (byHolder) vm.prank(account);
        (bool ok, bytes memory result) = address(token).call(call);
        if (ok != expected) {
            return _surprise(ok ? "claim accepted what it should refuse" : "claim refused what it should accept");
        }
        if (!ok) {
            bytes4 wanted = pushed
                ? IModelRevenue.RevenueClaimForContract.selector
                : forwards ? IModelRevenue.RevenueHolderForwards.selector : IModelRevenue.RevenueNothingToClaim.selector;
            if (bytes4(result) != wanted) _surprise("claim refused for another reason");
            return;
        }
        uint256 amount = abi.decode(result, (uint256));
        if (amount != due || _balanceOf(i, to) - before != due) return _surprise("claim paid other than claimable");
        if (token.claimable(account, asset) != 0) return _surprise("claimed and still claimable");
        claimed[i] += amount;
        _operated();
    }

    function claimAll(uint256 holderSeed, uint256 mode) external {
        vm.warp(currentTime);
        address account = holder(holderSeed);
        (, uint256[] memory due) = token.claimableAll(account);
        bool any;
        for (uint256 i; i < ASSETS; ++i) {
            any = any || due[i] != 0;
        }
        bool forwards = account == desk;
        bool expected = !forwards && any && (mode % 2 == 0 || account.code.length == 0);
        uint256[] memory paid;
        bool ok;
        if (mode % 2 == 0) {
            vm.prank(account);
            try token.claimAll(SINK) returns (uint256[] memory amounts) {
                (ok, paid) = (true, amounts);
            } catch {}
        } else {
            try token.claimAllFor(account) returns (uint256[] memory amounts) {
                (ok, paid) = (true, amounts);
            } catch {}
        }
        if (ok != expected) {
            return _surprise(ok ? "claimAll accepted what it should refuse" : "claimAll refused what it should accept");
        }
        if (!ok) return;
        for (uint256 i; i < ASSETS; ++i) {
            if (paid[i] != due[i]) return _surprise("claimAll paid other than claimable");
            claimed[i] += paid[i];
        }
        _operated();
    }

    function redeem(uint256 holderSeed, uint256 amount) external {
        vm.warp(currentTime);
        // The desk (the sale) never redeems; the others redeem at most half their balance.
        address account = holder(holderSeed % HOLDERS == 4 ? 5 : holderSeed);
        amount = _bound(amount, 0, token.balanceOf(account) / 2);
        uint256 supply = token.totalSupply();
        uint256[3] memory due;
        uint256[3] memory earned;
        for (uint256 i; i < ASSETS; ++i) {
            due[i] = Math.mulDiv(token.assetInfo(assetAt(i)).reserve, amount, supply);
            earned[i] = token.claimable(account, assetAt(i));
        }
        bool ok;
        uint256[] memory paid;
        vm.prank(account);
        try token.redeem(amount, SINK) returns (uint256[] memory p) {
            (ok, paid) = (true, p);
        } catch {}
        if (ok != (amount != 0)) return _surprise(ok ? "redeem accepted nothing" : "redeem refused");
        if (!ok) return;
        for (uint256 i; i < ASSETS; ++i) {
            if (paid[i] != due[i]) return _surprise("redeem paid other than its share of the reserve");
            uint256 left = token.claimable(account, assetAt(i));
            if (left > earned[i] || earned[i] - left > 1) return _surprise("redeem changed the earnings");
            redeemed[i] += paid[i];
        }
        _operated();
    }

    /// @notice The DAO excludes (or includes) an account: any holder, mostly the two contracts. It may change only
    /// a contract that holds nothing and has nothing to claim, and never undo an account's own exclusion.
    function setExcluded(uint256 accountSeed, bool excluded) external {
        vm.warp(currentTime);
        address account = accountSeed % 3 == 0 ? holder(accountSeed / 3) : accountSeed % 3 == 1 ? address(pool) : address(vault);
        bytes4 wanted = _exclusionRefusal(account, excluded);
        try token.setExcluded(account, excluded) {
            if (wanted != bytes4(0)) return _surprise("setExcluded accepted what it should refuse");
        } catch (bytes memory err) {
            if (wanted == bytes4(0)) return _surprise("setExcluded refused what it should accept");
            if (bytes4(err) != wanted) _surprise("setExcluded refused for another reason");
            return;
        }
        if (token.isExcluded(account) != excluded || token.excludedBySelf(account)) _surprise("setExcluded state");
        _operated();
    }

    /// @notice A holder excludes itself, or includes itself again; it keeps what it earned either way.
    function setExcludedSelf(uint256 holderSeed, bool excluded) external {
        vm.warp(currentTime);
        address account = holder(holderSeed);
        bool expected = excluded ? !token.excludedBySelf(account) : token.isExcluded(account);
        uint256[3] memory before;
        for (uint256 i; i < ASSETS; ++i) {
            before[i] = token.claimable(account, assetAt(i));
        }
        vm.prank(account);
        try token.setExcludedSelf(excluded) {
            if (!expected) return _surprise("setExcludedSelf accepted no change");
        } catch (bytes memory err) {
            if (expected) return _surprise("setExcludedSelf refused a change");
            if (bytes4(err) != IModelRevenue.RevenueExclusionUnchanged.selector) _surprise("setExcludedSelf refused for another reason");
            return;
        }
        if (token.isExcluded(account) != excluded || token.excludedBySelf(account) != excluded) {
            return _surprise("setExcludedSelf state");
        }
        for (uint256 i; i < ASSETS; ++i) {
            uint256 now_ = token.claimable(account, assetAt(i));
            if (now_ > before[i] || before[i] - now_ > 1) return _surprise("setExcludedSelf changed the earnings");
        }
        _operated();
    }

    /// @notice Drives the eligible supply down to a sliver of 1 to 3 units: every holder but the first excludes
    /// itself, and the first parks all but the sliver with the second.
    function vanish(uint256 leftSeed) external {
        uint256 left = 1 + leftSeed % 3;
        for (uint256 h = 1; h < HOLDERS; ++h) {
            if (!token.isExcluded(holder(h))) this.setExcludedSelf(h, true);
        }
        uint256 balance = token.balanceOf(holder(0));
        if (balance > left) this.transfer(0, 1, balance - left);
    }

    /// @notice A deposit of 1 to 3 units of an asset, while a stream may run.
    function depositDust(uint256 assetSeed, uint256 amount) external {
        amount = 1 + amount % 3;
        if (assetSeed % 3 == 0) this.depositETH(amount);
        else this.depositToken(assetSeed, amount);
    }

    function setStreamDuration(uint256 assetSeed, uint256 duration) external {
        vm.warp(currentTime);
        // Half the time at once, else up to 10 days.
        duration = duration % 2 == 0 ? 0 : _bound(duration >> 1, 1, 10 days);
        token.setStreamDuration(assetAt(assetSeed % ASSETS), uint24(duration));
        _operated();
    }

    function toggleCoinB() external {
        vm.warp(currentTime);
        if (token.assetInfo(address(coinB)).active) token.removeAsset(address(coinB));
        else token.allowAsset(address(coinB));
        _operated();
    }

    function warp(uint256 seconds_) external {
        currentTime += _bound(seconds_, 0, 3 days);
        vm.warp(currentTime);
        _recordDust();
    }

    /// @notice Not an action: includes every holder that excluded itself and moves what the contracts the DAO
    /// excluded hold to the first holder (so that every token earns), lets every stream run out, moves the desk's
    /// tokens (and its earnings) to a holder, and has everyone claim everything.
    function drain() external {
        for (uint256 h; h < HOLDERS; ++h) {
            if (token.excludedBySelf(holder(h))) this.setExcludedSelf(h, false);
        }
        for (uint256 h = 1; h < HOLDERS; ++h) {
            uint256 balance = token.balanceOf(holder(h));
            if (token.isExcluded(holder(h)) && balance != 0) this.transfer(h, 0, balance);
        }
        currentTime += 200 days;
        vm.warp(currentTime);
        uint256 deskBalance = token.balanceOf(desk);
        if (deskBalance != 0) this.transfer(4, 0, deskBalance);
        for (uint256 h; h < HOLDERS; ++h) {
            (, uint256[] memory due) = token.claimableAll(holder(h));
            bool any;
            for (uint256 i; i < ASSETS; ++i) {
                any = any || due[i] != 0;
            }
            if (any) this.claimAll(h, 0);
        }
    }

    /// @notice Not an action: every holder but the desk redeems its whole balance.
    function redeemAll() external {
        for (uint256 h; h < HOLDERS; ++h) {
            address account = holder(h);
            uint256 balance = token.balanceOf(account);
            if (balance == 0 || account == desk) continue;
            vm.prank(account);
            uint256[] memory paid = token.redeem(balance, SINK);
            for (uint256 i; i < ASSETS; ++i) {
                redeemed[i] += paid[i];
            }
            _operated();
        }
    }

    // ------------------------------------------------------------ reading

    function holder(uint256 seed) public view returns (address) {
        uint256 h = seed % HOLDERS;
        if (h < 3) return address(uint160(0xA000 + h));
        return h == 3 ? address(pool) : h == 4 ? desk : address(vault);
    }

    function assetAt(uint256 i) public view returns (address) {
        return i == 0 ? NATIVE : i == 1 ? address(coinA) : address(coinB);
    }

    /// @notice What asset `i`'s books account for: claimed, redeemed, claimable by every holder, unreleased and
    /// reserved.
    function accounted(uint256 i) public view returns (uint256 sum) {
        address asset = assetAt(i);
        IModelRevenue.AssetInfo memory info = token.assetInfo(asset);
        sum = claimed[i] + redeemed[i] + info.unreleased + info.reserve;
        for (uint256 h; h < HOLDERS; ++h) {
            sum += token.claimable(holder(h), asset);
        }
    }

    /// @notice The bound on dust (deposited, less everything the books account for) that the invariants check:
    /// HOLDERS + 2 + 2 * operations. Every holder's claimable is its accrual rounded down (less than a unit each),
    /// the views round the accumulator and the unreleased part down (one more each), and no operation rounds away
    /// more than 2 units for good: a transfer 1 per side, a deposit, a redemption or an exclusion (by the DAO or
    /// the holder itself) 1, a claim none. (Accumulator checkpoints also round down, by less than eligible / 2**96
    /// of a unit: about 2**-13 here.)
    function dustBound() public view returns (uint256) {
        return HOLDERS + 2 + 2 * operations;
    }

    function actions() external pure returns (bytes4[] memory selectors) {
        selectors = new bytes4[](13);
        selectors[0] = this.depositETH.selector;
        selectors[1] = this.depositToken.selector;
        selectors[2] = this.transfer.selector;
        selectors[3] = this.claim.selector;
        selectors[4] = this.claimAll.selector;
        selectors[5] = this.redeem.selector;
        selectors[6] = this.setExcluded.selector;
        selectors[7] = this.setStreamDuration.selector;
        selectors[8] = this.toggleCoinB.selector;
        selectors[9] = this.warp.selector;
        selectors[10] = this.setExcludedSelf.selector;
        selectors[11] = this.vanish.selector;
        selectors[12] = this.depositDust.selector;
    }

    // ------------------------------------------------------------ internal

    function _deposited(uint256 i, uint256 amount) private {
        if (!_depositExpected(i, amount)) return _surprise("deposit accepted what it should refuse");
        deposited[i] += amount;
        _operated();
    }

    function _depositRefused(uint256 i, uint256 amount, bytes memory err) private {
        bytes4 reason = bytes4(err);
        if (reason == IModelRevenue.RevenueDepositTooLarge.selector && _mayBeTooLarge(i, amount)) return;
        if (_depositExpected(i, amount)) return _surprise("deposit refused what it should accept");
        if (amount == 0) {
            if (reason != IModelRevenue.RevenueZeroAmount.selector) _surprise("zero deposit refused for another reason");
        } else if (!token.assetInfo(assetAt(i)).active) {
            if (reason != IModelRevenue.RevenueAssetNotAllowed.selector) _surprise("removed asset refused for another reason");
        } else if (reason != IModelRevenue.RevenueNoEligibleSupply.selector) {
            _surprise("deposit refused for another reason");
        }
    }

    /// @dev Why the DAO's `setExcluded(account, excluded)` must be refused (its error), or 0 if it must succeed, in
    /// the order the token checks.
    function _exclusionRefusal(address account, bool excluded) private view returns (bytes4) {
        if (token.isExcluded(account) == excluded) return IModelRevenue.RevenueExclusionUnchanged.selector;
        if (excluded && account.code.length == 0) return IModelRevenue.RevenueExcludeNotContract.selector;
        if (token.excludedBySelf(account)) return IModelRevenue.RevenueExclusionByHolder.selector;
        if (token.balanceOf(account) != 0) return IModelRevenue.RevenueExclusionHolder.selector;
        (, uint256[] memory due) = token.claimableAll(account);
        for (uint256 i; i < due.length; ++i) {
            if (due[i] != 0) return IModelRevenue.RevenueExclusionHasRevenue.selector;
        }
        return bytes4(0);
    }

    function _depositExpected(uint256 i, uint256 amount) private view returns (bool) {
        IModelRevenue.AssetInfo memory info = token.assetInfo(assetAt(i));
        uint256 shared = amount - amount * token.reserveBps() / 10_000;
        return amount != 0 && info.active && (shared == 0 || info.eligibleSupply != 0);
    }

    /// @dev Whether a deposit may exceed what the accumulator holds: a loose test, for an eligible supply that
    /// burns and exclusions left tiny.
    function _mayBeTooLarge(uint256 i, uint256 amount) private view returns (bool) {
        IModelRevenue.AssetInfo memory info = token.assetInfo(assetAt(i));
        if (info.eligibleSupply == 0) return false;
        return info.accumulator + ((info.unreleased + amount) << 96) / info.eligibleSupply > ACC_MAX / 2;
    }

    function _claimableSums() private view returns (uint256[3] memory sums) {
        for (uint256 i; i < ASSETS; ++i) {
            for (uint256 h; h < HOLDERS; ++h) {
                sums[i] += token.claimable(holder(h), assetAt(i));
            }
        }
    }

    function _balanceOf(uint256 i, address account) private view returns (uint256) {
        return i == 0 ? account.balance : IERC20(assetAt(i)).balanceOf(account);
    }

    function _operated() private {
        ++operations;
        ++successes[msg.sig];
        _recordDust();
    }

    function _recordDust() private {
        for (uint256 i; i < ASSETS; ++i) {
            uint256 books = accounted(i);
            if (books > deposited[i]) return _surprise("books above deposits");
            uint256 dust = deposited[i] - books;
            if (dust > maxDust[i]) maxDust[i] = dust;
        }
    }
}

/// @notice Invariants of one model token under random sequences of {RevenueHandler} actions. The token has a 5%
/// reserve, streams of one day at launch, ETH and two ERC-20s; three holders, a pool the DAO excluded before it
/// received tokens, a vault that starts empty and a forwarding account share a supply of about 10 million tokens.
contract RevenueShareInvariantTest is RevenueSetup {
    RevenueHandler internal handler;
    ModelToken internal token;
    uint256 internal launchSupply;

    function setUp() public {
        _deployProtocol();
        MockStablecoin coinA = new MockStablecoin();
        MockStablecoin coinB = new MockStablecoin();
        address desk = address(0xD35C);
        address[] memory assets = new address[](2);
        assets[0] = address(coinA);
        assets[1] = address(coinB);
        IModelToken.Allocation[] memory allocations = new IModelToken.Allocation[](4);
        allocations[0] = _allocation(address(0xA000), 1_000_000e18 + 7, false);
        allocations[1] = _allocation(address(0xA001), 2_500_000e18 + 13, false);
        allocations[2] = _allocation(address(0xA002), 3_333_333e18, false);
        allocations[3] = _allocation(desk, 3_000_000e18 + 1, true);
        token = _token(allocations, _revenue(500, 1 days, assets));
        launchSupply = token.totalSupply();
        handler = new RevenueHandler(token, desk, coinA, coinB);
        // The DAO excludes the pool while it is empty; it then receives a million tokens of the first holder, and
        // the handler becomes the DAO.
        address pool = address(handler.pool());
        token.setExcluded(pool, true);
        vm.prank(address(0xA000));
        token.transfer(pool, 1_000_000e18);
        registry.transferFrom(address(this), address(handler), ModelId.unwrap(model));
        targetContract(address(handler));
        targetSelector(address(handler), handler.actions());
    }

    /// @dev Every outcome, and every amount paid, matched the rules and the views.
    function invariant_everyOutcomeWasExpected() public view {
        assertEq(handler.surprises(), 0, handler.firstSurprise());
    }

    /// @dev Per asset: claimed + claimable by every holder + unreleased + reserve + dust == deposited, with dust
    /// within {RevenueHandler-dustBound}. The books never promise more than was deposited.
    function invariant_everyUnitIsAccountedFor() public view {
        for (uint256 i; i < handler.ASSETS(); ++i) {
            uint256 books = handler.accounted(i);
            uint256 deposited = handler.deposited(i);
            _assertBelowWithin(books, deposited, handler.dustBound(), "books above deposits", "dust above its bound");
        }
    }

    /// @dev No release ever takes an asset's accumulator past its limit, however small the eligible supply got.
    function invariant_accumulatorWithinItsLimit() public view {
        for (uint256 i; i < handler.ASSETS(); ++i) {
            assertLe(token.assetInfo(handler.assetAt(i)).accumulator, (1 << 127) - 1, "accumulator past its limit");
        }
    }

    /// @dev The token holds exactly what was deposited less what it paid out, and its `held` says so.
    function invariant_holdsWhatWasNotPaid() public view {
        for (uint256 i; i < handler.ASSETS(); ++i) {
            uint256 owed = handler.deposited(i) - handler.claimed(i) - handler.redeemed(i);
            address asset = handler.assetAt(i);
            uint256 balance = i == 0 ? address(token).balance : IERC20(asset).balanceOf(address(token));
            assertEq(balance, owed, "balance");
            assertEq(token.assetInfo(asset).held, owed, "held");
        }
    }

    /// @dev The supply is the sum of the balances, and the eligible supply (the same for every asset) the sum
    /// of the balances that are not excluded.
    function invariant_suppliesMatchTheBalances() public view {
        uint256 sum;
        uint256 eligible;
        for (uint256 h; h < handler.HOLDERS(); ++h) {
            address account = handler.holder(h);
            uint256 balance = token.balanceOf(account);
            sum += balance;
            if (!token.isExcluded(account)) eligible += balance;
        }
        assertEq(token.totalSupply(), sum, "total supply");
        assertEq(token.eligibleSupply(), eligible, "eligible supply");
        for (uint256 i; i < handler.ASSETS(); ++i) {
            assertEq(token.assetInfo(handler.assetAt(i)).eligibleSupply, eligible, "eligible supply of an asset");
        }
        assertLe(sum, launchSupply);
    }

    /// @dev However a sequence ended, letting the streams run out and claiming everything leaves only the
    /// reserve and the dust; redeeming every token then leaves only the dust.
    function afterInvariant() public {
        handler.drain();
        assertEq(handler.surprises(), 0, handler.firstSurprise());
        for (uint256 h; h < handler.HOLDERS(); ++h) {
            (, uint256[] memory due) = token.claimableAll(handler.holder(h));
            for (uint256 i; i < handler.ASSETS(); ++i) {
                assertEq(due[i], 0, "left claimable");
            }
        }
        for (uint256 i; i < handler.ASSETS(); ++i) {
            IModelRevenue.AssetInfo memory info = token.assetInfo(handler.assetAt(i));
            assertEq(info.unreleased, 0, "unreleased after every stream ended");
            assertLe(info.held - info.reserve, handler.dustBound(), "dust above its bound");
        }
        handler.redeemAll();
        for (uint256 i; i < handler.ASSETS(); ++i) {
            IModelRevenue.AssetInfo memory info = token.assetInfo(handler.assetAt(i));
            assertLe(info.held, handler.dustBound(), "dust above its bound after redeeming everything");
        }
    }
}
