
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'itp-dev' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'itp-dev'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'itp-dev' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check the profile and report every problem')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Print the fully resolved profile, secrets masked')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Print the desired state compiled from the profile')
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Bring the environment up: build or pull images, start services in dependency order, run the dev container''s hooks')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show each service: state, health, ports, image, uptime')
            [CompletionResult]::new('ps', 'ps', [CompletionResultType]::ParameterValue, 'Show each service: state, health, ports, image, uptime')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop and remove the project''s containers and network')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'itp-dev;validate' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;config' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (`--json` implies json)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;plan' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (`--json` implies json)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;up' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound each health wait (e.g. `30s`, `2m`) instead of the bound derived from the healthcheck''s interval, timeout and retries')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the actions and their reasons; change nothing')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Also wait for every (re)started service with a healthcheck to be healthy, not only those another service depends on')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;status' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;ps' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;down' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--volumes', '--volumes', [CompletionResultType]::ParameterName, 'Also delete the project''s named volumes and their data')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before deleting volumes (required without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before deleting volumes (required without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;completions' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Use this profile instead of searching for itp-dev.toml')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if itp-dev was started in DIR')
            [CompletionResult]::new('--overlay', '--overlay', [CompletionResultType]::ParameterName, 'Apply an overlay of the profile (repeatable; applied in order)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: JSON documents for queries, NDJSON events for long-running commands. Never prompts')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show more detail (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Show only results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'itp-dev;help' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check the profile and report every problem')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Print the fully resolved profile, secrets masked')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Print the desired state compiled from the profile')
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Bring the environment up: build or pull images, start services in dependency order, run the dev container''s hooks')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show each service: state, health, ports, image, uptime')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop and remove the project''s containers and network')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'itp-dev;help;validate' {
            break
        }
        'itp-dev;help;config' {
            break
        }
        'itp-dev;help;plan' {
            break
        }
        'itp-dev;help;up' {
            break
        }
        'itp-dev;help;status' {
            break
        }
        'itp-dev;help;down' {
            break
        }
        'itp-dev;help;completions' {
            break
        }
        'itp-dev;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
