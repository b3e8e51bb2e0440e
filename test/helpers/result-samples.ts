// Result files of the formats the upload reads, shared by the reader's and the upload's tests.

/** An MSTest run (.trx) with a byte-order mark, two test classes and every kind of outcome. */
export const TRX = `\uFEFF<?xml version="1.0" encoding="utf-8"?>
<TestRun id="5d1f0c53-0000-4000-8000-000000000001" name="build@CI-01 2026-03-02 09:15:00" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
  <Times creation="2026-03-02T09:14:58.1234567+00:00" start="2026-03-02T09:15:00.0000000+00:00" finish="2026-03-02T09:15:03.5000000+00:00" />
  <Results>
    <UnitTestResult testId="t1" testName="SmallAmount" duration="00:00:00.2500000" outcome="Passed" />
    <UnitTestResult testId="t2" testName="LargeAmount" duration="00:00:01.5000000" outcome="Failed">
      <Output><ErrorInfo><Message>Assert.AreEqual failed. Expected:&lt;10001&gt;. Actual:&lt;10000&gt;.</Message><StackTrace>at LargeAmount()</StackTrace></ErrorInfo></Output>
    </UnitTestResult>
    <UnitTestResult testId="t3" testName="Overseas" outcome="NotExecuted" />
    <UnitTestResult testId="t4" testName="ValidLogin" duration="00:01:00" outcome="Passed" />
  </Results>
  <TestDefinitions>
    <UnitTest id="t1" name="SmallAmount"><TestMethod className="Bank.Tests.TransferTests, Bank.Tests" name="SmallAmount" /></UnitTest>
    <UnitTest id="t2" name="LargeAmount"><TestMethod className="Bank.Tests.TransferTests, Bank.Tests" name="LargeAmount" /></UnitTest>
    <UnitTest id="t3" name="Overseas"><TestMethod className="Bank.Tests.TransferTests, Bank.Tests" name="Overseas" /></UnitTest>
    <UnitTest id="t4" name="ValidLogin"><TestMethod className="Bank.Tests.LoginTests" name="ValidLogin" /></UnitTest>
  </TestDefinitions>
</TestRun>`;
