// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Vm
/// @notice The cheatcodes of Hardhat's Solidity test runner (EDR) that this project's tests use.
/// @dev The runner intercepts calls to `VM_ADDRESS`, which is
///      `address(uint160(uint256(keccak256("hevm cheat code"))))`. Only cheatcodes that EDR
///      implements are declared here: each one is exercised by `test/utils/Test.t.sol`.
///      Signatures follow the standard cheatcode specification, so selectors match the runner.
interface Vm {
    /// @notice A log captured by `recordLogs` / `getRecordedLogs`.
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    // ---------------------------------------------------------------- block environment

    /// @notice Sets `block.timestamp`.
    function warp(uint256 newTimestamp) external;

    /// @notice Sets `block.number`.
    function roll(uint256 newHeight) external;

    /// @notice Sets `block.basefee`.
    function fee(uint256 newBasefee) external;

    /// @notice Sets `block.chainid`.
    function chainId(uint256 newChainId) external;

    /// @notice Sets `tx.gasprice`.
    function txGasPrice(uint256 newGasPrice) external;

    /// @notice Sets `block.coinbase`.
    function coinbase(address newCoinbase) external;

    /// @notice Sets `block.prevrandao`.
    function prevrandao(bytes32 newPrevrandao) external;

    /// @notice Reads `block.timestamp` (not constant-folded by the optimizer, unlike the opcode).
    function getBlockTimestamp() external view returns (uint256 timestamp);

    /// @notice Reads `block.number` (not constant-folded by the optimizer, unlike the opcode).
    function getBlockNumber() external view returns (uint256 height);

    // ---------------------------------------------------------------- accounts and state

    /// @notice Sets the ether balance of `account`.
    function deal(address account, uint256 newBalance) external;

    /// @notice Sets the runtime code of `target`.
    function etch(address target, bytes calldata newRuntimeBytecode) external;

    /// @notice Writes a storage slot of `target`.
    function store(address target, bytes32 slot, bytes32 value) external;

    /// @notice Reads a storage slot of `target`.
    function load(address target, bytes32 slot) external view returns (bytes32 data);

    /// @notice The nonce of `account`.
    function getNonce(address account) external view returns (uint64 nonce);

    /// @notice Sets the nonce of `account`; it may only grow.
    function setNonce(address account, uint64 newNonce) external;

    /// @notice Names `account` in traces and failure output.
    function label(address account, string calldata newLabel) external;

    /// @notice The label of `account`, or its checksummed address when it has none.
    function getLabel(address account) external view returns (string memory currentLabel);

    // ---------------------------------------------------------------- callers

    /// @notice Makes the next call (only) come from `msgSender`.
    function prank(address msgSender) external;

    /// @notice Makes the next call (only) come from `msgSender`, with `tx.origin` set to `txOrigin`.
    function prank(address msgSender, address txOrigin) external;

    /// @notice Makes every following call come from `msgSender`, until `stopPrank`.
    function startPrank(address msgSender) external;

    /// @notice Like `startPrank(address)`, also setting `tx.origin`.
    function startPrank(address msgSender, address txOrigin) external;

    /// @notice Ends a `startPrank`.
    function stopPrank() external;

    // ---------------------------------------------------------------- keys and signatures

    /// @notice The address of the secp256k1 private key `privateKey`.
    function addr(uint256 privateKey) external pure returns (address keyAddr);

    /// @notice Signs `digest` (already hashed) with `privateKey`.
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);

    // ---------------------------------------------------------------- expectations

    /// @notice The next call must revert, with any data.
    function expectRevert() external;

    /// @notice The next call must revert with exactly this 4-byte data (an error without arguments).
    function expectRevert(bytes4 revertData) external;

    /// @notice The next call must revert with exactly `revertData`
    ///         (e.g. `abi.encodeWithSelector(Err.selector, a, b)` or `abi.encodeWithSignature("Error(string)", s)`).
    function expectRevert(bytes calldata revertData) external;

    /// @notice The next call must revert with data starting with this selector, whatever the arguments.
    function expectPartialRevert(bytes4 revertData) external;

    /// @notice The next emitted log must match the event emitted right after this call (all topics and data).
    function expectEmit() external;

    /// @notice As `expectEmit()`, also requiring the log to come from `emitter`.
    function expectEmit(address emitter) external;

    /// @notice The next emitted log must match the event emitted right after this call, comparing
    ///         topic 0 always and topics 1-3 and data as selected.
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData) external;

    /// @notice As the 4-bool form, also requiring the log to come from `emitter`.
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData, address emitter)
        external;

    /// @notice The test must make a call to `callee` whose calldata starts with `data`.
    function expectCall(address callee, bytes calldata data) external;

    /// @notice As `expectCall(address,bytes)`, also requiring `msgValue`.
    function expectCall(address callee, uint256 msgValue, bytes calldata data) external;

    /// @notice As `expectCall(address,bytes)`, requiring exactly `count` such calls.
    function expectCall(address callee, bytes calldata data, uint64 count) external;

    // ---------------------------------------------------------------- fuzzing

    /// @notice Discards the current fuzz input when `condition` is false.
    ///         Prefer `bound` for ranges: too many rejections fail the test.
    function assume(bool condition) external pure;

    /// @notice Skips the test when `skipTest` is true.
    function skip(bool skipTest) external;

    // ---------------------------------------------------------------- recording

    /// @notice Starts recording storage reads and writes.
    function record() external;

    /// @notice The storage slots of `target` read and written since `record`.
    function accesses(address target) external returns (bytes32[] memory readSlots, bytes32[] memory writeSlots);

    /// @notice Starts recording emitted logs.
    function recordLogs() external;

    /// @notice The logs emitted since `recordLogs` (or the previous call of this), and clears them.
    function getRecordedLogs() external returns (Log[] memory logs);

    // ---------------------------------------------------------------- snapshots

    /// @notice Snapshots the whole state; returns an id for `revertToState`.
    function snapshotState() external returns (uint256 snapshotId);

    /// @notice Restores the state snapshotted as `snapshotId` (the snapshot stays usable).
    function revertToState(uint256 snapshotId) external returns (bool success);

    /// @notice Restores the state snapshotted as `snapshotId` and deletes that snapshot.
    function revertToStateAndDelete(uint256 snapshotId) external returns (bool success);

    // ---------------------------------------------------------------- mocks

    /// @notice Calls to `callee` whose calldata starts with `data` return `returnData`.
    function mockCall(address callee, bytes calldata data, bytes calldata returnData) external;

    /// @notice Calls to `callee` whose calldata starts with `data` revert with `revertData`.
    function mockCallRevert(address callee, bytes calldata data, bytes calldata revertData) external;

    /// @notice Removes every mock.
    function clearMockedCalls() external;

    // ---------------------------------------------------------------- environment variables

    /// @notice The environment variable `name` as a uint256 (decimal or 0x-hex), or `defaultValue` when unset.
    function envOr(string calldata name, uint256 defaultValue) external view returns (uint256 value);

    /// @notice The environment variable `name` as a bool, or `defaultValue` when unset.
    function envOr(string calldata name, bool defaultValue) external view returns (bool value);

    /// @notice The environment variable `name` as an address, or `defaultValue` when unset.
    function envOr(string calldata name, address defaultValue) external view returns (address value);

    /// @notice The environment variable `name`, or `defaultValue` when unset.
    function envOr(string calldata name, string calldata defaultValue) external view returns (string memory value);

    /// @notice The environment variable `name` as a uint256; reverts when unset.
    function envUint(string calldata name) external view returns (uint256 value);

    /// @notice Whether the environment variable `name` is set.
    function envExists(string calldata name) external view returns (bool result);

    // ---------------------------------------------------------------- utilities

    function toString(address value) external pure returns (string memory stringifiedValue);
    function toString(bytes calldata value) external pure returns (string memory stringifiedValue);
    function toString(bytes32 value) external pure returns (string memory stringifiedValue);
    function toString(bool value) external pure returns (string memory stringifiedValue);
    function toString(uint256 value) external pure returns (string memory stringifiedValue);
    function toString(int256 value) external pure returns (string memory stringifiedValue);

    /// @notice The address a CREATE from `deployer` with `nonce` deploys to.
    function computeCreateAddress(address deployer, uint256 nonce) external pure returns (address);

    // ---------------------------------------------------------------- assertions (revert on failure)

    function assertTrue(bool condition) external pure;
    function assertTrue(bool condition, string calldata error) external pure;
    function assertFalse(bool condition) external pure;
    function assertFalse(bool condition, string calldata error) external pure;

    function assertEq(bool left, bool right) external pure;
    function assertEq(bool left, bool right, string calldata error) external pure;
    function assertEq(uint256 left, uint256 right) external pure;
    function assertEq(uint256 left, uint256 right, string calldata error) external pure;
    function assertEq(int256 left, int256 right) external pure;
    function assertEq(int256 left, int256 right, string calldata error) external pure;
    function assertEq(address left, address right) external pure;
    function assertEq(address left, address right, string calldata error) external pure;
    function assertEq(bytes32 left, bytes32 right) external pure;
    function assertEq(bytes32 left, bytes32 right, string calldata error) external pure;
    function assertEq(string calldata left, string calldata right) external pure;
    function assertEq(string calldata left, string calldata right, string calldata error) external pure;
    function assertEq(bytes calldata left, bytes calldata right) external pure;
    function assertEq(bytes calldata left, bytes calldata right, string calldata error) external pure;

    function assertNotEq(uint256 left, uint256 right) external pure;
    function assertNotEq(uint256 left, uint256 right, string calldata error) external pure;
    function assertNotEq(int256 left, int256 right) external pure;
    function assertNotEq(int256 left, int256 right, string calldata error) external pure;
    function assertNotEq(address left, address right) external pure;
    function assertNotEq(address left, address right, string calldata error) external pure;
    function assertNotEq(bytes32 left, bytes32 right) external pure;
    function assertNotEq(bytes32 left, bytes32 right, string calldata error) external pure;

    function assertGt(uint256 left, uint256 right) external pure;
    function assertGt(uint256 left, uint256 right, string calldata error) external pure;
    function assertGt(int256 left, int256 right) external pure;
    function assertGt(int256 left, int256 right, string calldata error) external pure;
    function assertGe(uint256 left, uint256 right) external pure;
    function assertGe(uint256 left, uint256 right, string calldata error) external pure;
    function assertGe(int256 left, int256 right) external pure;
    function assertGe(int256 left, int256 right, string calldata error) external pure;
    function assertLt(uint256 left, uint256 right) external pure;
    function assertLt(uint256 left, uint256 right, string calldata error) external pure;
    function assertLt(int256 left, int256 right) external pure;
    function assertLt(int256 left, int256 right, string calldata error) external pure;
    function assertLe(uint256 left, uint256 right) external pure;
    function assertLe(uint256 left, uint256 right, string calldata error) external pure;
    function assertLe(int256 left, int256 right) external pure;
    function assertLe(int256 left, int256 right, string calldata error) external pure;

    function assertApproxEqAbs(uint256 left, uint256 right, uint256 maxDelta) external pure;
    function assertApproxEqAbs(uint256 left, uint256 right, uint256 maxDelta, string calldata error) external pure;
    function assertApproxEqAbs(int256 left, int256 right, uint256 maxDelta) external pure;
    function assertApproxEqAbs(int256 left, int256 right, uint256 maxDelta, string calldata error) external pure;
}
