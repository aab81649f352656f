// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {LiquidityLock} from "../../contracts/market/LiquidityLock.sol";
import {MockSubnetToken} from "../../contracts/mocks/MockSubnetToken.sol";
import {Test} from "../utils/Test.sol";
import {Handler} from "../utils/Handler.sol";

/// @notice Random locks, releases (early, on time, twice) and the clock moving, over two tokens and three lockers;
/// the handler keeps what each lock holds and what each beneficiary was paid.
contract LockHandler is Handler {
    LiquidityLock public immutable lock;
    MockSubnetToken public immutable tokenA;
    MockSubnetToken public immutable tokenB;

    /// @notice Per token: what was locked, what was released.
    mapping(IERC20 token => uint256) public locked;
    mapping(IERC20 token => uint256) public released;
    /// @notice Per beneficiary and token: what it was paid.
    mapping(address beneficiary => mapping(IERC20 token => uint256)) public paid;
    /// @notice Releases that reached the contract before their date (must stay zero).
    uint256 public earlyReleases;

    /// @param lock_ The lock under test; `a` and `b` the pool share tokens, which each locker holds and has approved
    /// to it.
    constructor(LiquidityLock lock_, MockSubnetToken a, MockSubnetToken b) {
        (lock, tokenA, tokenB) = (lock_, a, b);
    }

    /// @notice Token `i` (0 or 1).
    function tokens(uint256 i) public view returns (MockSubnetToken) {
        return i == 0 ? tokenA : tokenB;
    }

    /// @notice Locker `i` (0 to 2).
    function lockers(uint256 i) public pure returns (address) {
        return address(uint160(0x10C1 + i));
    }

    /// @notice Beneficiary `i` (0 to 2).
    function beneficiaries(uint256 i) public pure returns (address) {
        return address(uint160(0xBE01 + i));
    }

    /// @notice The actions the invariant runner calls.
    function actions() external pure returns (bytes4[] memory selectors) {
        selectors = new bytes4[](3);
        selectors[0] = this.lockSome.selector;
        selectors[1] = this.release.selector;
        selectors[2] = this.wait.selector;
    }

    /// @notice A locker locks some of a token for a beneficiary, for a time in the allowed range (or, one time in
    /// eight, just outside it, which must be refused).
    function lockSome(uint256 seed, uint256 amount, uint256 duration) external {
        MockSubnetToken token = tokens(seed % 2);
        address locker = lockers((seed >> 1) % 3);
        address beneficiary = beneficiaries((seed >> 3) % 3);
        amount = _bound(amount, 1, 1e24);
        uint256 min = lock.MIN_LOCK();
        uint256 max = lock.MAX_LOCK();
        bool outside = (seed >> 5) % 8 == 0;
        uint256 unlockAt = block.timestamp + (outside ? ((seed >> 8) % 2 == 0 ? min - 1 : max + 1) : _bound(duration, min, max));
        vm.prank(locker);
        try lock.lock(IERC20(address(token)), amount, beneficiary, uint64(unlockAt)) returns (uint256) {
            if (outside) _surprise("a lock outside the allowed range");
            locked[IERC20(address(token))] += amount;
        } catch (bytes memory reason) {
            if (!outside || bytes4(reason) != LiquidityLock.LockTimeOutOfRange.selector) _surprise("a lock refused");
        }
    }

    /// @notice Anyone releases a lock, whether or not it is open.
    function release(uint256 seed) external {
        uint256 count = lock.lockCount();
        if (count == 0) return;
        uint256 id = seed % count;
        LiquidityLock.Lock memory l = lock.lockOf(id);
        uint256 before = l.token.balanceOf(l.beneficiary);
        try lock.release(id) {
            if (block.timestamp < l.unlockAt) ++earlyReleases;
            if (l.released) _surprise("released twice");
            uint256 got = l.token.balanceOf(l.beneficiary) - before;
            if (got != l.amount) _surprise("released another amount");
            released[l.token] += got;
            paid[l.beneficiary][l.token] += got;
        } catch (bytes memory reason) {
            bytes4 why = bytes4(reason);
            bool expected = (l.released && why == LiquidityLock.LockAlreadyReleased.selector)
                || (!l.released && block.timestamp < l.unlockAt && why == LiquidityLock.LockNotYetOpen.selector);
            if (!expected) _surprise("a release refused");
        }
    }

    /// @notice The clock moves by up to two years.
    function wait(uint256 seconds_) external {
        vm.warp(block.timestamp + _bound(seconds_, 1, 2 * 365 days));
    }
}

/// @notice Pool shares are neither created nor lost, and none leaves before its date.
contract LiquidityLockInvariantTest is Test {
    LiquidityLock internal lock;
    LockHandler internal handler;

    function setUp() public {
        lock = new LiquidityLock();
        MockSubnetToken a = new MockSubnetToken("LPA", 18);
        MockSubnetToken b = new MockSubnetToken("LPB", 18);
        handler = new LockHandler(lock, a, b);
        for (uint256 i; i < 3; ++i) {
            address locker = handler.lockers(i);
            a.mint(locker, 1e30);
            b.mint(locker, 1e30);
            vm.startPrank(locker);
            a.approve(address(lock), type(uint256).max);
            b.approve(address(lock), type(uint256).max);
            vm.stopPrank();
        }
        targetContract(address(handler));
        targetSelector(address(handler), handler.actions());

    }

    /// @dev Every outcome was the one the handler expected.
    function invariant_everyOutcomeWasExpected() public view {
        assertEq(handler.surprises(), 0, handler.firstSurprise());
    }

    /// @dev Each token: what the lock holds is what was locked less what was released, which is the sum of the
    /// unreleased locks; beneficiaries were paid exactly what was released.
    function invariant_conservation() public view {
        for (uint256 t; t < 2; ++t) {
            IERC20 token = IERC20(address(handler.tokens(t)));
            uint256 unreleased;
            for (uint256 id; id < lock.lockCount(); ++id) {
                LiquidityLock.Lock memory l = lock.lockOf(id);
                if (l.token == token && !l.released) unreleased += l.amount;
            }
            assertEq(token.balanceOf(address(lock)), unreleased, "held other than the unreleased locks");
            assertEq(handler.locked(token) - handler.released(token), unreleased, "created or lost");
            uint256 paid;
            for (uint256 b; b < 3; ++b) paid += handler.paid(handler.beneficiaries(b), token);
            assertEq(paid, handler.released(token), "paid other than released");
        }
    }

    /// @dev Nothing was released before its date.
    function invariant_nothingEarly() public view {
        assertEq(handler.earlyReleases(), 0, "released before its date");
    }
}

/// @notice A lock of any amount and date in range holds exactly what it took until its date, then pays it once.
contract LiquidityLockFuzzTest is Test {
    function testFuzz_lock_holdsUntilItsDateThenPaysOnce(uint256 amount, uint256 duration, uint256 early) public {
        LiquidityLock lock = new LiquidityLock();
        MockSubnetToken token = new MockSubnetToken("LP", 18);
        amount = bound(amount, 1, 1e30);
        duration = bound(duration, lock.MIN_LOCK(), lock.MAX_LOCK());
        token.mint(address(this), amount);
        token.approve(address(lock), amount);
        uint64 unlockAt = uint64(block.timestamp + duration);
        uint256 id = lock.lock(IERC20(address(token)), amount, address(0xBEEF), unlockAt);
        assertEq(token.balanceOf(address(lock)), amount, "held");
        vm.warp(block.timestamp + bound(early, 0, duration - 1));
        vm.expectRevert(abi.encodeWithSelector(LiquidityLock.LockNotYetOpen.selector, id, unlockAt));
        lock.release(id);
        vm.warp(unlockAt);
        lock.release(id);
        assertEq(token.balanceOf(address(0xBEEF)), amount, "paid");
        vm.expectRevert(abi.encodeWithSelector(LiquidityLock.LockAlreadyReleased.selector, id));
        lock.release(id);
    }
}
