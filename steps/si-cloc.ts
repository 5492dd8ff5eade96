// Step `si-cloc`: count lines per language (cloc --json) in the extracted sdist of a release and write
// the report for si-aggregate.
//   thoth-step si-cloc --package-name flask --package-version 2.0.1 --index-url URL --package /tmp/inputs/package
import type { StepDefinition } from '../lib/workflows/index.js';
import { runAnalyzerStep } from './si-bandit.js';

export const siClocStep: StepDefinition = {
  name: 'si-cloc',
  description: "run cloc over a release's extracted sdist; writes cloc.json",
  run: (argv, io) => runAnalyzerStep('cloc', argv, io, process.env),
};
