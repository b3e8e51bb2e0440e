// Stage formats: reading the result files ET imports (NUnit, JUnit, MSTest), and the XML and zip beneath them.
export * from './result-files.ts';
export * from './xml.ts';
export * from './zip.ts';
