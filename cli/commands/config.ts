// `thoth config init`: write a .thoth.yaml for this project, detecting the runtime environment from a
// local Python interpreter. The file is validated against schemas/thoth-config.v1.json before writing.
import { Command } from 'commander';
import { access, writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { parseThothConfig } from '../../lib/contracts/index.js';
import type { RecommendationType } from '../../lib/contracts/index.js';
import { InputError } from '../../lib/errors/index.js';
import { detectEnvironment } from '../environment.js';
import { printResult } from '../output.js';
import type { OutputStreams } from '../output.js';

const RECOMMENDATION_TYPES = ['latest', 'stable', 'testing', 'performance', 'security'] as const;

export function configCommand(io: OutputStreams): Command {
  const config = new Command('config').description('manage the project configuration (.thoth.yaml)');
  config
    .command('init')
    .description('write .thoth.yaml with the runtime environment detected from a local Python')
    .option('--python <path>', 'interpreter to detect the environment from', 'python3')
    .option('--recommendation-type <type>', `one of ${RECOMMENDATION_TYPES.join(', ')}`, 'stable')
    .option('--index-url <url>', 'package index (PEP 503 simple URL)', 'https://pypi.org/simple')
    .option('-o, --output <file>', 'where to write', '.thoth.yaml')
    .option('--force', 'overwrite an existing file')
    .option('--json', 'print the configuration as JSON instead of a summary')
    .action(
      async (options: {
        python: string;
        recommendationType: string;
        indexUrl: string;
        output: string;
        force?: boolean;
        json?: boolean;
      }) => {
        if (!(RECOMMENDATION_TYPES as readonly string[]).includes(options.recommendationType)) {
          throw new InputError(
            `--recommendation-type "${options.recommendationType}" is not one of ${RECOMMENDATION_TYPES.join(', ')}`,
          );
        }
        if (
          options.force !== true &&
          (await access(options.output)
            .then(() => true)
            .catch(() => false))
        ) {
          throw new InputError(`${options.output} exists; pass --force to overwrite it`);
        }
        const environment = await detectEnvironment(options.python);
        const name = `${environment.operating_system?.name ?? 'local'}-py${environment.python_version.replace('.', '')}`;
        const value = parseThothConfig({
          requirements_format: 'pip',
          indexes: [{ name: 'pypi', url: options.indexUrl, verify_ssl: true }],
          runtime_environments: [
            { name, ...environment, recommendation_type: options.recommendationType as RecommendationType },
          ],
          lock_formats: ['requirements'],
        });
        await writeFile(options.output, stringify(value));
        printResult(
          io,
          options.json === true,
          value,
          () => `wrote ${options.output} for ${name} (Python ${environment.python_version})`,
        );
      },
    );
  return config;
}
