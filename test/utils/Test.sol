// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Vm} from "./Vm.sol";

/// @title Test
/// @notice Base contract for the project's Solidity tests, run by `npx hardhat test solidity`.
/// @dev How the runner (Hardhat's EDR) treats a contract that inherits this:
///      - `setUp()` runs before every test, on a fresh copy of the state;
///      - `test*` functions are tests; with parameters they are fuzz tests (inputs are random:
///        narrow them with `bound`, or skip them with `vm.assume`);
///      - `invariant*` functions are invariant tests: after `setUp`, the runner makes sequences of
///        random calls to the target contracts and calls every `invariant*` function after each
///        call; `afterInvariant()`, when defined, runs at the end of every sequence.
///        The targets are chosen with `targetContract`, `targetSelector`, `targetSender` and the
///        `exclude*` functions below, which the runner reads back through the public getters;
///      - a test fails when it reverts. Every assertion here reverts on failure with a message
///        that shows both values, e.g. `assertion failed: 3 != 4` or `<your message>: 3 != 4`.
abstract contract Test {
    /// @notice The cheatcodes.
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @notice A target of the invariant runner: `selectors` of the contract at `addr`.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    /// @notice A target of the invariant runner: `selectors` of every deployed instance of `artifact`.
    struct FuzzArtifactSelector {
        string artifact;
        bytes4[] selectors;
    }

    address[] private _targetedContracts;
    address[] private _excludedContracts;
    address[] private _targetedSenders;
    address[] private _excludedSenders;
    FuzzSelector[] private _targetedSelectors;
    FuzzSelector[] private _excludedSelectors;
    string[] private _targetedArtifacts;
    string[] private _excludedArtifacts;
    FuzzArtifactSelector[] private _targetedArtifactSelectors;

    // ================================================================ assertions
    //
    // Each one forwards to the matching `vm.assert*` cheatcode, which reverts with both values
    // formatted by the runner (strings and bytes in full, addresses checksummed); the variants
    // with `err` print `err` instead of `assertion failed`.

    function fail(string memory err) internal pure virtual {
        revert(err);
    }

    function assertTrue(bool condition) internal pure virtual {
        vm.assertTrue(condition);
    }

    function assertTrue(bool condition, string memory err) internal pure virtual {
        vm.assertTrue(condition, err);
    }

    function assertFalse(bool condition) internal pure virtual {
        vm.assertFalse(condition);
    }

    function assertFalse(bool condition, string memory err) internal pure virtual {
        vm.assertFalse(condition, err);
    }

    function assertEq(bool left, bool right) internal pure virtual {
        vm.assertEq(left, right);
    }

    function assertEq(bool left, bool right, string memory err) internal pure virtual {
        vm.assertEq(left, right, err);
    }

    function assertEq(uint256 left, uint256 right) internal pure virtual {
        vm.assertEq(left, right);
    }

    function assertEq(uint256 left, uint256 right, string memory err) internal pure virtual {
        vm.assertEq(left, right, err);
    }

    function assertEq(int256 left, int256 right) internal pure virtual {
        vm.assertEq(left, right);
    }

    function assertEq(int256 left, int256 right, string memory err) internal pure virtual {
        vm.assertEq(left, right, err);
    }

    function assertEq(address left, address right) internal pure virtual {
        vm.assertEq(left, right);
    }

    function assertEq(address left, address right, string memory err) internal pure virtual {
        vm.assertEq(left, right, err);
    }

    function assertEq(bytes32 left, bytes32 right) internal pure virtual {
        vm.assertEq(left, right);
    }

    function assertEq(bytes32 left, bytes32 right, string memory err) internal pure virtual {
        vm.assertEq(left, right, err);
    }

    function assertEq(string memory left, string memory right) internal pure virtual {
        vm.assertEq(left, right);
    }

    function assertEq(string memory left, string memory right, string memory err) internal pure virtual {
        vm.assertEq(left, right, err);
    }

    function assertEq(bytes memory left, bytes memory right) internal pure virtual {
        vm.assertEq(left, right);
    }

    function assertEq(bytes memory left, bytes memory right, string memory err) internal pure virtual {
        vm.assertEq(left, right, err);
    }

    function assertNotEq(uint256 left, uint256 right) internal pure virtual {
        vm.assertNotEq(left, right);
    }

    function assertNotEq(uint256 left, uint256 right, string memory err) internal pure virtual {
        vm.assertNotEq(left, right, err);
    }

    function assertNotEq(int256 left, int256 right) internal pure virtual {
        vm.assertNotEq(left, right);
    }

    function assertNotEq(int256 left, int256 right, string memory err) internal pure virtual {
        vm.assertNotEq(left, right, err);
    }

    function assertNotEq(address left, address right) internal pure virtual {
        vm.assertNotEq(left, right);
    }

    function assertNotEq(address left, address right, string memory err) internal pure virtual {
        vm.assertNotEq(left, right, err);
    }

    function assertNotEq(bytes32 left, bytes32 right) internal pure virtual {
        vm.assertNotEq(left, right);
    }

    function assertNotEq(bytes32 left, bytes32 right, string memory err) internal pure virtual {
        vm.assertNotEq(left, right, err);
    }

    function assertGt(uint256 left, uint256 right) internal pure virtual {
        vm.assertGt(left, right);
    }

    function assertGt(uint256 left, uint256 right, string memory err) internal pure virtual {
        vm.assertGt(left, right, err);
    }

    function assertGt(int256 left, int256 right) internal pure virtual {
        vm.assertGt(left, right);
    }

    function assertGt(int256 left, int256 right, string memory err) internal pure virtual {
        vm.assertGt(left, right, err);
    }

    function assertGe(uint256 left, uint256 right) internal pure virtual {
        vm.assertGe(left, right);
    }

    function assertGe(uint256 left, uint256 right, string memory err) internal pure virtual {
        vm.assertGe(left, right, err);
    }

    function assertGe(int256 left, int256 right) internal pure virtual {
        vm.assertGe(left, right);
    }

    function assertGe(int256 left, int256 right, string memory err) internal pure virtual {
        vm.assertGe(left, right, err);
    }

    function assertLt(uint256 left, uint256 right) internal pure virtual {
        vm.assertLt(left, right);
    }

    function assertLt(uint256 left, uint256 right, string memory err) internal pure virtual {
        vm.assertLt(left, right, err);
    }

    function assertLt(int256 left, int256 right) internal pure virtual {
        vm.assertLt(left, right);
    }

    function assertLt(int256 left, int256 right, string memory err) internal pure virtual {
        vm.assertLt(left, right, err);
    }

    function assertLe(uint256 left, uint256 right) internal pure virtual {
        vm.assertLe(left, right);
    }

    function assertLe(uint256 left, uint256 right, string memory err) internal pure virtual {
        vm.assertLe(left, right, err);
    }

    function assertLe(int256 left, int256 right) internal pure virtual {
        vm.assertLe(left, right);
    }

    function assertLe(int256 left, int256 right, string memory err) internal pure virtual {
        vm.assertLe(left, right, err);
    }

    /// @notice `left` and `right` differ by at most `maxDelta`.
    function assertApproxEqAbs(uint256 left, uint256 right, uint256 maxDelta) internal pure virtual {
        vm.assertApproxEqAbs(left, right, maxDelta);
    }

    function assertApproxEqAbs(uint256 left, uint256 right, uint256 maxDelta, string memory err)
        internal
        pure
        virtual
    {
        vm.assertApproxEqAbs(left, right, maxDelta, err);
    }

    function assertApproxEqAbs(int256 left, int256 right, uint256 maxDelta) internal pure virtual {
        vm.assertApproxEqAbs(left, right, maxDelta);
    }

    function assertApproxEqAbs(int256 left, int256 right, uint256 maxDelta, string memory err)
        internal
        pure
        virtual
    {
        vm.assertApproxEqAbs(left, right, maxDelta, err);
    }

    // ================================================================ fuzzing helpers

    /// @notice Maps any fuzz input `x` into `[min, max]`, so a fuzz test never has to discard inputs.
    /// @dev `x` already in range is returned unchanged. Otherwise `x` wraps around the range, anchored
    ///      at the ends of uint256: below `min`, `0, 1, 2, ...` map to `min, min + 1, min + 2, ...`;
    ///      above `max`, `type(uint256).max, type(uint256).max - 1, ...` map to `max, max - 1, ...`.
    ///      The edge values that the fuzzer favours thus land on the edges of the range, and a
    ///      random `x` lands anywhere in it, uniformly up to the modulo bias (negligible unless the
    ///      range is wider than about 2^200). Reverts when `min > max`.
    function bound(uint256 x, uint256 min, uint256 max) internal pure virtual returns (uint256) {
        if (min > max) {
            revert(string.concat("bound(uint256): min ", vm.toString(min), " > max ", vm.toString(max)));
        }
        if (x >= min && x <= max) return x;
        // Cannot overflow: the full range [0, 2^256 - 1] contains every x, which returned above.
        uint256 size = max - min + 1;
        if (x < min) return min + (x % size);
        return max - ((type(uint256).max - x) % size);
    }

    /// @notice `bound` for int256: maps any `x` into `[min, max]`; `x` in range is returned unchanged,
    ///         `type(int256).min` maps to `min` and `type(int256).max` to `max`.
    /// @dev Flipping the sign bit maps int256 onto uint256 preserving order, so this is the uint256
    ///      `bound` in that space.
    function bound(int256 x, int256 min, int256 max) internal pure virtual returns (int256) {
        if (min > max) {
            revert(string.concat("bound(int256): min ", vm.toString(min), " > max ", vm.toString(max)));
        }
        uint256 bounded = bound(_toOrderedUint(x), _toOrderedUint(min), _toOrderedUint(max));
        return int256(bounded ^ (uint256(1) << 255));
    }

    function _toOrderedUint(int256 x) private pure returns (uint256) {
        return uint256(x) ^ (uint256(1) << 255);
    }

    /// @notice A deterministic address named `name`, labelled in traces, with a known private key.
    function makeAddr(string memory name) internal virtual returns (address account) {
        (account,) = makeAddrAndKey(name);
    }

    /// @notice `makeAddr`, also returning the private key (for `vm.sign`).
    function makeAddrAndKey(string memory name) internal virtual returns (address account, uint256 privateKey) {
        privateKey = uint256(keccak256(abi.encodePacked(name)));
        account = vm.addr(privateKey);
        vm.label(account, name);
    }

    // ================================================================ invariant targets
    //
    // Call these in `setUp`. Without any `target*` call, the runner calls every contract deployed
    // during `setUp` (except the test contract and the excluded ones), from random senders.
    // An artifact is named by its contract name ("Handler") or, when that name is not unique in
    // the project, by its source name and contract name ("project/test/Foo.t.sol:Handler").
    // Excluding everything is an error of the runner, not a passing test.

    /// @notice Restricts the calls to the targeted contracts.
    function targetContract(address target) internal virtual {
        _targetedContracts.push(target);
    }

    /// @notice Makes `target.addr` a target whose calls are restricted to `target.selectors`.
    ///         The other contracts deployed in `setUp` stay targets unless `targetContract` is used.
    function targetSelector(FuzzSelector memory target) internal virtual {
        _targetedSelectors.push(target);
    }

    /// @notice `targetSelector` for the functions `selectors` of the contract at `target`.
    function targetSelector(address target, bytes4[] memory selectors) internal virtual {
        _targetedSelectors.push(FuzzSelector({addr: target, selectors: selectors}));
    }

    /// @notice Restricts the senders of the calls to the targeted ones.
    function targetSender(address sender) internal virtual {
        _targetedSenders.push(sender);
    }

    /// @notice Restricts the calls to the contracts of the targeted artifacts deployed in `setUp`.
    function targetArtifact(string memory artifact) internal virtual {
        _targetedArtifacts.push(artifact);
    }

    /// @notice `targetArtifact`, with the calls to the contracts of `target.artifact` restricted to
    ///         `target.selectors`.
    function targetArtifactSelector(FuzzArtifactSelector memory target) internal virtual {
        _targetedArtifactSelectors.push(target);
    }

    /// @notice The runner never calls this contract.
    function excludeContract(address target) internal virtual {
        _excludedContracts.push(target);
    }

    /// @notice The runner never calls `target.selectors` of `target.addr`.
    function excludeSelector(FuzzSelector memory target) internal virtual {
        _excludedSelectors.push(target);
    }

    /// @notice No call comes from `sender`, even when it is also a targeted sender.
    function excludeSender(address sender) internal virtual {
        _excludedSenders.push(sender);
    }

    /// @notice The runner never calls a contract of this artifact.
    function excludeArtifact(string memory artifact) internal virtual {
        _excludedArtifacts.push(artifact);
    }

    // Read by the invariant runner after `setUp`: these names and return types are its interface.

    function targetContracts() public view returns (address[] memory targetedContracts_) {
        targetedContracts_ = _targetedContracts;
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targetedSelectors_) {
        targetedSelectors_ = _targetedSelectors;
    }

    function targetSenders() public view returns (address[] memory targetedSenders_) {
        targetedSenders_ = _targetedSenders;
    }

    function targetArtifacts() public view returns (string[] memory targetedArtifacts_) {
        targetedArtifacts_ = _targetedArtifacts;
    }

    function targetArtifactSelectors() public view returns (FuzzArtifactSelector[] memory targetedArtifactSelectors_) {
        targetedArtifactSelectors_ = _targetedArtifactSelectors;
    }

    function excludeContracts() public view returns (address[] memory excludedContracts_) {
        excludedContracts_ = _excludedContracts;
    }

    function excludeSelectors() public view returns (FuzzSelector[] memory excludedSelectors_) {
        excludedSelectors_ = _excludedSelectors;
    }

    function excludeSenders() public view returns (address[] memory excludedSenders_) {
        excludedSenders_ = _excludedSenders;
    }

    function excludeArtifacts() public view returns (string[] memory excludedArtifacts_) {
        excludedArtifacts_ = _excludedArtifacts;
    }
}
