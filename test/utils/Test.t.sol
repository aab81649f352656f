// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "./Test.sol";
import {Vm} from "./Vm.sol";

// Self-test of the test base: every helper of `Test` and every cheatcode declared in `Vm`
// is exercised here at least once, so a cheatcode the runner does not support fails this file.

/// @dev A target for the cheatcode checks.
contract Box {
    error NotOwner(address caller, address owner);
    error Empty();

    event Stored(address indexed by, uint256 indexed key, uint256 value);

    address public owner;
    uint256 public value;
    address public lastOrigin;

    constructor(address owner_) {
        owner = owner_;
    }

    function store(uint256 key, uint256 newValue) external {
        if (msg.sender != owner) revert NotOwner(msg.sender, owner);
        value = newValue;
        lastOrigin = tx.origin;
        emit Stored(msg.sender, key, newValue);
    }

    function take() external view returns (uint256) {
        if (value == 0) revert Empty();
        return value;
    }

    function fail(string calldata reason) external pure {
        revert(reason);
    }

    function ping(uint256 x) external payable returns (uint256) {
        return x + 1;
    }
}

contract TestBaseTest is Test {
    Box internal box;
    address internal alice;

    event Stored(address indexed by, uint256 indexed key, uint256 value);

    function setUp() public {
        alice = makeAddr("alice");
        box = new Box(alice);
    }

    // ------------------------------------------------------------ assertions

    function test_assertionsPassOnGoodValues() public pure {
        assertTrue(true);
        assertTrue(true, "true");
        assertFalse(false);
        assertFalse(false, "false");

        assertEq(true, true);
        assertEq(false, false, "bool");
        assertEq(uint256(3), uint256(3));
        assertEq(uint256(3), uint256(3), "uint256");
        assertEq(int256(-3), int256(-3));
        assertEq(int256(-3), int256(-3), "int256");
        assertEq(address(0xBEEF), address(0xBEEF));
        assertEq(address(0xBEEF), address(0xBEEF), "address");
        assertEq(keccak256("a"), keccak256("a"));
        assertEq(keccak256("a"), keccak256("a"), "bytes32");
        assertEq(string("abc"), string("abc"));
        assertEq(string("abc"), string("abc"), "string");
        assertEq(bytes(hex"00ff"), bytes(hex"00ff"));
        assertEq(bytes(hex"00ff"), bytes(hex"00ff"), "bytes");

        assertNotEq(uint256(3), uint256(4));
        assertNotEq(uint256(3), uint256(4), "uint256");
        assertNotEq(int256(-3), int256(3));
        assertNotEq(int256(-3), int256(3), "int256");
        assertNotEq(address(1), address(2));
        assertNotEq(address(1), address(2), "address");
        assertNotEq(bytes32(0), keccak256(""));
        assertNotEq(bytes32(0), keccak256(""), "bytes32");

        assertGt(uint256(4), uint256(3));
        assertGt(uint256(4), uint256(3), "gt");
        assertGt(int256(-3), int256(-4));
        assertGt(int256(-3), int256(-4), "gt");
        assertGe(uint256(3), uint256(3));
        assertGe(uint256(4), uint256(3), "ge");
        assertGe(int256(-3), int256(-3));
        assertGe(int256(-3), int256(-4), "ge");
        assertLt(uint256(3), uint256(4));
        assertLt(uint256(3), uint256(4), "lt");
        assertLt(int256(-4), int256(-3));
        assertLt(int256(-4), int256(-3), "lt");
        assertLe(uint256(3), uint256(3));
        assertLe(uint256(3), uint256(4), "le");
        assertLe(int256(-3), int256(-3));
        assertLe(int256(-4), int256(-3), "le");

        assertApproxEqAbs(uint256(100), uint256(102), 2);
        assertApproxEqAbs(uint256(102), uint256(100), 2, "approx");
        assertApproxEqAbs(int256(-1), int256(1), 2);
        assertApproxEqAbs(int256(1), int256(-1), 2, "approx");
    }

    function test_assertionsRevertWithBothValues() public {
        // Each assertion is reached through an external call so the revert can be expected.
        vm.expectRevert(bytes("assertion failed: 3 != 4"));
        this.assertEqUint(3, 4);
        vm.expectRevert(bytes("balance: 3 != 4"));
        this.assertEqUintMsg(3, 4, "balance");
        vm.expectRevert(bytes("assertion failed: abc != abd"));
        this.assertEqString("abc", "abd");
        vm.expectRevert(bytes("assertion failed: 5 <= 5"));
        this.assertGtUint(5, 5);
        vm.expectRevert(bytes("assertion failed: 100 !~= 103 (max delta: 2, real delta: 3)"));
        this.assertApproxEqAbsUint(100, 103, 2);
        vm.expectRevert(bytes("custom failure"));
        this.failWith("custom failure");
    }

    function assertEqUint(uint256 a, uint256 b) external pure {
        assertEq(a, b);
    }

    function assertEqUintMsg(uint256 a, uint256 b, string calldata err) external pure {
        assertEq(a, b, err);
    }

    function assertEqString(string calldata a, string calldata b) external pure {
        assertEq(a, b);
    }

    function assertGtUint(uint256 a, uint256 b) external pure {
        assertGt(a, b);
    }

    function assertApproxEqAbsUint(uint256 a, uint256 b, uint256 d) external pure {
        assertApproxEqAbs(a, b, d);
    }

    function failWith(string calldata err) external pure {
        fail(err);
    }

    // ------------------------------------------------------------ bound

    function test_boundKeepsInRangeValuesAndAnchorsEdges() public pure {
        assertEq(bound(uint256(7), 5, 10), 7);
        assertEq(bound(uint256(0), 5, 10), 5);
        assertEq(bound(uint256(1), 5, 10), 6);
        assertEq(bound(type(uint256).max, 5, 10), 10);
        assertEq(bound(type(uint256).max - 1, 5, 10), 9);
        uint256 wrapped = bound(uint256(11), 5, 10);
        assertGe(wrapped, 5);
        assertLe(wrapped, 10);
        assertEq(bound(uint256(42), 0, type(uint256).max), 42);
        assertEq(bound(uint256(42), 9, 9), 9);

        assertEq(bound(int256(-7), -10, 10), -7);
        assertEq(bound(type(int256).min, -10, 10), -10);
        assertEq(bound(type(int256).max, -10, 10), 10);
        assertEq(bound(type(int256).min + 1, -10, 10), -9);
        int256 wrappedInt = bound(int256(-3), 1, 3);
        assertGe(wrappedInt, 1);
        assertLe(wrappedInt, 3);
    }

    function test_boundRevertsWhenMinAboveMax() public {
        vm.expectRevert(bytes("bound(uint256): min 2 > max 1"));
        this.boundUint(0, 2, 1);
        vm.expectRevert(bytes("bound(int256): min 2 > max -1"));
        this.boundInt(0, 2, -1);
    }

    function boundUint(uint256 x, uint256 min, uint256 max) external pure returns (uint256) {
        return bound(x, min, max);
    }

    function boundInt(int256 x, int256 min, int256 max) external pure returns (int256) {
        return bound(x, min, max);
    }

    function testFuzz_bound(uint256 x, uint256 min, uint256 max) public pure {
        if (min > max) (min, max) = (max, min);
        uint256 result = bound(x, min, max);
        assertGe(result, min);
        assertLe(result, max);
        if (x >= min && x <= max) assertEq(result, x);
    }

    function testFuzz_boundInt(int256 x, int256 min, int256 max) public pure {
        if (min > max) (min, max) = (max, min);
        int256 result = bound(x, min, max);
        assertGe(result, min);
        assertLe(result, max);
        if (x >= min && x <= max) assertEq(result, x);
    }

    function testFuzz_assume(uint256 x) public pure {
        vm.assume(x % 2 == 0);
        assertEq(x % 2, 0);
    }

    // ------------------------------------------------------------ cheatcodes

    function test_makeAddr() public {
        (address bob, uint256 bobKey) = makeAddrAndKey("bob");
        assertEq(bob, vm.addr(bobKey));
        assertEq(makeAddr("bob"), bob);
        assertNotEq(makeAddr("carol"), bob);
        assertEq(vm.getLabel(bob), "bob");
    }

    function test_sign() public {
        (address signer, uint256 key) = makeAddrAndKey("signer");
        bytes32 digest = keccak256("message");
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        assertEq(ecrecover(digest, v, r, s), signer);
    }

    function test_prank() public {
        vm.expectRevert(abi.encodeWithSelector(Box.NotOwner.selector, address(this), alice));
        box.store(1, 1);

        vm.prank(alice);
        box.store(1, 5);
        assertEq(box.value(), 5);

        // The prank covered only the call above.
        vm.expectRevert(abi.encodeWithSelector(Box.NotOwner.selector, address(this), alice));
        box.store(1, 6);

        address origin = makeAddr("origin");
        vm.prank(alice, origin);
        box.store(1, 7);
        assertEq(box.lastOrigin(), origin);
    }

    function test_startPrank() public {
        address origin = makeAddr("origin");
        vm.startPrank(alice);
        box.store(1, 1);
        box.store(1, 2);
        vm.stopPrank();
        vm.startPrank(alice, origin);
        box.store(1, 3);
        vm.stopPrank();
        assertEq(box.value(), 3);
        assertEq(box.lastOrigin(), origin);
        vm.expectRevert(abi.encodeWithSelector(Box.NotOwner.selector, address(this), alice));
        box.store(1, 4);
    }

    function test_expectRevert() public {
        vm.expectRevert();
        box.take();
        vm.expectRevert(Box.Empty.selector);
        box.take();
        vm.expectRevert(bytes("why"));
        box.fail("why");
        vm.expectRevert(abi.encodeWithSignature("Error(string)", "why"));
        box.fail("why");
        vm.expectPartialRevert(Box.NotOwner.selector);
        box.store(1, 1);
    }

    function test_expectEmit() public {
        vm.expectEmit();
        emit Stored(alice, 1, 2);
        vm.prank(alice);
        box.store(1, 2);

        vm.expectEmit(address(box));
        emit Stored(alice, 1, 3);
        vm.prank(alice);
        box.store(1, 3);

        // Topic 2 (the key) and data are not compared.
        vm.expectEmit(true, false, true, false);
        emit Stored(alice, 99, 99);
        vm.prank(alice);
        box.store(1, 4);

        vm.expectEmit(true, true, true, true, address(box));
        emit Stored(alice, 1, 5);
        vm.prank(alice);
        box.store(1, 5);
    }

    function test_expectCall() public {
        vm.expectCall(address(box), abi.encodeCall(Box.ping, (1)));
        box.ping(1);
        vm.expectCall(address(box), 1 wei, abi.encodeCall(Box.ping, (2)));
        box.ping{value: 1 wei}(2);
        vm.expectCall(address(box), abi.encodeCall(Box.ping, (3)), 2);
        box.ping(3);
        box.ping(3);
    }

    function test_dealAndEtch() public {
        address account = makeAddr("account");
        vm.deal(account, 3 ether);
        assertEq(account.balance, 3 ether);

        address copy = makeAddr("copy");
        vm.etch(copy, address(box).code);
        assertEq(copy.code, address(box).code);
        assertEq(Box(copy).ping(41), 42);
    }

    function test_blockEnvironment() public {
        vm.warp(1_700_000_000);
        assertEq(vm.getBlockTimestamp(), 1_700_000_000);
        assertEq(block.timestamp, 1_700_000_000);
        vm.roll(123);
        assertEq(vm.getBlockNumber(), 123);
        assertEq(block.number, 123);
        vm.fee(7 gwei);
        assertEq(block.basefee, 7 gwei);
        vm.chainId(11_155_111);
        assertEq(block.chainid, 11_155_111);
        vm.txGasPrice(9 gwei);
        assertEq(tx.gasprice, 9 gwei);
        vm.coinbase(address(0xC0FFEE));
        assertEq(block.coinbase, address(0xC0FFEE));
        vm.prevrandao(bytes32(uint256(77)));
        assertEq(block.prevrandao, 77);
    }

    function test_storeLoadAndRecord() public {
        // Box's storage: slot 0 owner, slot 1 value.
        vm.store(address(box), bytes32(uint256(1)), bytes32(uint256(99)));
        assertEq(box.value(), 99);
        assertEq(vm.load(address(box), bytes32(uint256(0))), bytes32(uint256(uint160(alice))));

        vm.record();
        box.value();
        (bytes32[] memory reads, bytes32[] memory writes) = vm.accesses(address(box));
        assertEq(reads.length, 1);
        assertEq(reads[0], bytes32(uint256(1)));
        assertEq(writes.length, 0);
    }

    function test_recordLogs() public {
        vm.recordLogs();
        vm.prank(alice);
        box.store(3, 4);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 1);
        assertEq(logs[0].emitter, address(box));
        assertEq(logs[0].topics[0], Stored.selector);
        assertEq(logs[0].topics[1], bytes32(uint256(uint160(alice))));
        assertEq(logs[0].topics[2], bytes32(uint256(3)));
        assertEq(abi.decode(logs[0].data, (uint256)), 4);
    }

    function test_snapshots() public {
        uint256 snapshot = vm.snapshotState();
        vm.prank(alice);
        box.store(1, 10);
        assertTrue(vm.revertToState(snapshot));
        assertEq(box.value(), 0);
        vm.prank(alice);
        box.store(1, 11);
        assertTrue(vm.revertToStateAndDelete(snapshot));
        assertEq(box.value(), 0);
        assertFalse(vm.revertToState(snapshot));
    }

    function test_mockCall() public {
        vm.mockCall(address(box), abi.encodeCall(Box.ping, (1)), abi.encode(uint256(100)));
        assertEq(box.ping(1), 100);
        assertEq(box.ping(2), 3);
        vm.mockCallRevert(address(box), abi.encodeCall(Box.ping, (2)), abi.encodeWithSelector(Box.Empty.selector));
        // A mocked revert happens at the caller's depth, which `expectRevert` does not see: catch it.
        try box.ping(2) returns (uint256) {
            fail("mocked call did not revert");
        } catch (bytes memory reason) {
            assertEq(reason, abi.encodeWithSelector(Box.Empty.selector));
        }
        vm.clearMockedCalls();
        assertEq(box.ping(1), 2);
    }

    function test_nonce() public {
        address account = makeAddr("nonce");
        assertEq(vm.getNonce(account), 0);
        vm.setNonce(account, 5);
        assertEq(vm.getNonce(account), 5);
        assertEq(vm.computeCreateAddress(address(this), vm.getNonce(address(this))), address(new Box(alice)));
    }

    function test_env() public view {
        string memory unset = "TEST_BASE_SURELY_UNSET_VARIABLE";
        assertFalse(vm.envExists(unset));
        assertEq(vm.envOr(unset, uint256(5)), 5);
        assertEq(vm.envOr(unset, true), true);
        assertEq(vm.envOr(unset, address(0xBEEF)), address(0xBEEF));
        assertEq(vm.envOr(unset, string("x")), "x");
        assertTrue(vm.envExists("PATH"));
        try vm.envUint(unset) returns (uint256) {
            fail("envUint of an unset variable did not revert");
        } catch {}
    }

    function test_toString() public pure {
        assertEq(vm.toString(uint256(42)), "42");
        assertEq(vm.toString(int256(-42)), "-42");
        assertEq(vm.toString(true), "true");
        assertEq(vm.toString(address(0xBEEF)), "0x000000000000000000000000000000000000bEEF");
        assertEq(vm.toString(bytes32(uint256(1))), "0x0000000000000000000000000000000000000000000000000000000000000001");
        assertEq(vm.toString(bytes(hex"00ff")), "0x00ff");
    }

    function test_skip() public {
        // `vm.skip(true)` would report this test as skipped.
        vm.skip(false);
        assertTrue(true);
    }
}

/// @dev A toy counter driven by the invariant runner. It counts its calls and records who made
///      them, so the invariants below can check that the runner honoured the target registration.
contract CounterHandler {
    uint256 public count;
    uint256 public calls;
    bool public forbiddenCalled;
    address public unexpectedSender;
    address[] internal _allowedSenders;

    constructor(address[] memory allowedSenders) {
        _allowedSenders = allowedSenders;
    }

    function increment(uint256 by) external {
        _record();
        by = by % 100;
        count += by;
    }

    function decrement(uint256 by) external {
        _record();
        if (count == 0) return;
        count -= by % (count + 1);
    }

    /// @dev Not a target selector: the runner must never call it.
    function forbidden() external {
        forbiddenCalled = true;
    }

    function _record() private {
        calls += 1;
        for (uint256 i = 0; i < _allowedSenders.length; i++) {
            if (msg.sender == _allowedSenders[i]) return;
        }
        unexpectedSender = msg.sender;
    }
}

/// @dev Deployed in `setUp` but not targeted: the runner must never call it.
contract Tripwire {
    bool public tripped;

    function trip() external {
        tripped = true;
    }
}

contract CounterInvariantTest is Test {
    CounterHandler internal handler;
    Tripwire internal tripwire;
    address internal alice;
    address internal bob;
    uint256 internal invariantChecks;

    function setUp() public {
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        address[] memory allowed = new address[](2);
        allowed[0] = alice;
        allowed[1] = bob;
        handler = new CounterHandler(allowed);
        tripwire = new Tripwire();

        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](2);
        selectors[0] = CounterHandler.increment.selector;
        selectors[1] = CounterHandler.decrement.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetSender(alice);
        targetSender(bob);
    }

    function invariant_onlyTargetsAreCalled() public view {
        assertFalse(tripwire.tripped(), "untargeted contract called");
        assertFalse(handler.forbiddenCalled(), "untargeted selector called");
        assertEq(handler.unexpectedSender(), address(0), "untargeted sender");
    }

    function invariant_countIsBounded() public view {
        assertLe(handler.count(), 99 * handler.calls());
    }

    /// @dev Runs at the end of every call sequence: the sequence did call the handler.
    function afterInvariant() public view {
        assertGt(handler.calls(), 0, "no handler calls in the sequence");
    }
}

/// @dev Another contract type, to check the artifact filters.
contract Decoy {
    bool public tripped;

    function trip() external {
        tripped = true;
    }
}

/// @dev Without `targetContract`, the runner calls every contract deployed in `setUp` except the
///      excluded ones; excluded senders never call.
contract ExcludeInvariantTest is Test {
    CounterHandler internal handler;
    Tripwire internal tripwire;
    Decoy internal decoy;
    address internal alice;
    address internal bob;

    function setUp() public {
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        address[] memory allowed = new address[](1);
        allowed[0] = alice;
        handler = new CounterHandler(allowed);
        tripwire = new Tripwire();
        decoy = new Decoy();

        excludeContract(address(tripwire));
        excludeArtifact("Decoy");
        bytes4[] memory selectors = new bytes4[](1);
        selectors[0] = CounterHandler.forbidden.selector;
        excludeSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetSender(alice);
        targetSender(bob);
        excludeSender(bob);
    }

    function invariant_excludedAreNotCalled() public view {
        assertFalse(tripwire.tripped(), "excluded contract called");
        assertFalse(decoy.tripped(), "excluded artifact called");
        assertFalse(handler.forbiddenCalled(), "excluded selector called");
        assertEq(handler.unexpectedSender(), address(0), "excluded sender");
    }

    function afterInvariant() public view {
        assertGt(handler.calls(), 0, "no handler calls in the sequence");
    }
}

/// @dev Targets chosen by artifact: only the `CounterHandler`s and `Decoy`s deployed in `setUp`
///      are called, and of the handlers only the selected functions.
contract ArtifactInvariantTest is Test {
    CounterHandler internal handler;
    Decoy internal decoy;
    Tripwire internal tripwire;

    function setUp() public {
        handler = new CounterHandler(new address[](0));
        decoy = new Decoy();
        tripwire = new Tripwire();

        bytes4[] memory selectors = new bytes4[](2);
        selectors[0] = CounterHandler.increment.selector;
        selectors[1] = CounterHandler.decrement.selector;
        targetArtifactSelector(FuzzArtifactSelector({artifact: "CounterHandler", selectors: selectors}));
        targetArtifact("project/test/utils/Test.t.sol:Decoy");
    }

    function invariant_onlyTargetedArtifactsAreCalled() public view {
        assertFalse(tripwire.tripped(), "untargeted artifact called");
        assertFalse(handler.forbiddenCalled(), "untargeted selector called");
    }

    function afterInvariant() public view {
        assertGt(handler.calls(), 0, "no handler calls in the sequence");
    }
}
