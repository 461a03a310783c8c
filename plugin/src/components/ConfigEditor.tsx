// The data source's settings page: nexus-api URL, service token, OAuth pass-through, default index, timeout.

import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Field, Input, SecretInput, Switch, TagsInput } from '@grafana/ui';
import { DEFAULT_CONTEXT_FIELDS } from '../types.ts';
import type { NexusOptions, NexusSecureOptions } from '../types.ts';

export type Props = DataSourcePluginOptionsEditorProps<NexusOptions, NexusSecureOptions>;

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const json = options.jsonData;
  const setJson = (patch: Partial<NexusOptions>) =>
    onOptionsChange({ ...options, jsonData: { ...json, ...patch } });
  return (
    <div data-testid="nexus-config-editor">
      <Field label="nexus-api URL" description="Where nexus-api listens, as the Grafana server reaches it">
        <Input
          id="nexus-url"
          width={60}
          value={options.url}
          placeholder="http://nexus-api:8080"
          onChange={(e) => onOptionsChange({ ...options, url: e.currentTarget.value })}
        />
      </Field>
      <Field
        label="Service token"
        description="Used for alert rules, and for everyone without OAuth pass-through"
      >
        <SecretInput
          id="nexus-token"
          width={60}
          isConfigured={options.secureJsonFields?.['serviceToken'] === true}
          value={options.secureJsonData?.serviceToken ?? ''}
          onChange={(e) =>
            onOptionsChange({
              ...options,
              secureJsonData: { ...options.secureJsonData, serviceToken: e.currentTarget.value },
            })
          }
          onReset={() =>
            onOptionsChange({
              ...options,
              secureJsonFields: { ...options.secureJsonFields, serviceToken: false },
              secureJsonData: { ...options.secureJsonData, serviceToken: '' },
            })
          }
        />
      </Field>
      <Field
        label="Forward OAuth identity"
        description="Search as the signed-in user; alerts use the service token"
      >
        <Switch
          id="nexus-oauth"
          value={json.oauthPassThru === true}
          onChange={(e) => setJson({ oauthPassThru: e.currentTarget.checked })}
        />
      </Field>
      <Field
        label="Default index"
        description="New queries start with it; completion and ad hoc filters read its fields when a query names no index"
      >
        <Input
          id="nexus-default-index"
          width={30}
          value={json.defaultIndex ?? ''}
          placeholder="main"
          onChange={(e) => setJson({ defaultIndex: e.currentTarget.value || undefined })}
        />
      </Field>
      <Field
        label="Context fields"
        description="Fields that identify one stream of events: Explore's “show context” keeps their values"
      >
        <TagsInput
          id="nexus-context-fields"
          width={60}
          tags={json.contextFields ?? [...DEFAULT_CONTEXT_FIELDS]}
          onChange={(tags) => setJson({ contextFields: tags })}
        />
      </Field>
      <Field label="Level field" description="The field Explore's logs volume splits by (default level)">
        <Input
          id="nexus-level-field"
          width={30}
          value={json.levelField ?? ''}
          placeholder="level"
          onChange={(e) => setJson({ levelField: e.currentTarget.value || undefined })}
        />
      </Field>
      <Field label="Timeout (s)" description="How long a search may run; nexus-api applies its own limit too">
        <Input
          id="nexus-timeout"
          width={12}
          type="number"
          value={json.timeout ?? ''}
          onChange={(e) => {
            const n = Number(e.currentTarget.value);
            setJson({ timeout: e.currentTarget.value === '' || !(n > 0) ? undefined : n });
          }}
        />
      </Field>
    </div>
  );
}
