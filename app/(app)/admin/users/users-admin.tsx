"use client";
import { useState } from "react";
import { ConfirmButton } from "@/app/_components/confirm-button";
import { useT } from "@/app/_components/i18n-provider";
import { errorText, QueryView } from "@/app/_components/query-view";
import { type UserRow, useResetPassword, useUpdateUser, useUsers } from "@/app/_hooks/use-users";
import { resetPasswordSchema } from "@/app/_lib/users/reset-password.schema";
import { CreateUserForm } from "./create-user-form";
import { MintTokenForm } from "./mint-token-form";
import { RoleCheckboxes } from "./role-checkboxes";

export function UsersAdmin({ currentUserId }: { currentUserId: string }) {
  const t = useT();
  const users = useUsers();
  const update = useUpdateUser();

  return (
    <div className="stack">
      <h1>{t("admin.users.title")}</h1>
      <CreateUserForm />
      {update.isError ? (
        <p className="error" role="alert">
          {errorText(update.error)}
        </p>
      ) : null}
      <QueryView query={users} empty={t("admin.users.empty")}>
        {(data) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t("admin.users.name")}</th>
                  <th>{t("admin.users.email")}</th>
                  <th>{t("admin.users.roles")}</th>
                  <th>{t("admin.users.status")}</th>
                  <th>{t("admin.users.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {data.map((user) => (
                  <UserRowView
                    key={user.id}
                    user={user}
                    isSelf={user.id === currentUserId}
                    saving={update.isPending && update.variables?.userId === user.id}
                    onUpdate={(data) => update.mutate({ userId: user.id, ...data })}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </div>
  );
}

function UserRowView(props: {
  user: UserRow;
  isSelf: boolean;
  /** the row shows the change at once; its controls wait until the server confirmed it */
  saving: boolean;
  onUpdate: (data: { roles?: UserRow["roles"]; active?: boolean }) => void }) {
  const t = useT();
  const { user } = props;
  const [resetting, setResetting] = useState(false);
  const [minting, setMinting] = useState(false);
  // roles are edited as a draft and saved with a button: a stray click changes nothing yet
  const [roles, setRoles] = useState(user.roles);
  const [rolesFrom, setRolesFrom] = useState(user.roles);
  if (rolesFrom !== user.roles) {
    setRolesFrom(user.roles);
    setRoles(user.roles);
  }
  const rolesChanged = roles.length !== user.roles.length || roles.some((r) => !user.roles.includes(r));
  return (
    <tr data-testid={`user-row-${user.email}`} aria-busy={props.saving}>
      <td>
        {user.name}
        {props.isSelf ? <span className="muted">{t("admin.users.you")}</span> : null}
      </td>
      <td>{user.email}</td>
      <td>
        <div role="group" aria-label={t("admin.users.rolesFor", { name: user.name })}>
          <RoleCheckboxes
            idPrefix={`roles-${user.id}`}
            roles={roles}
            disabled={props.saving}
            // the server refuses an empty role list; keep at least one box ticked
            onChange={(next) => next.length > 0 && setRoles(next)}
          />
        </div>
        {rolesChanged ? (
          <div className="row" style={{ marginTop: "0.35rem" }}>
            <button type="button" className="btn btn-primary" disabled={props.saving} onClick={() => props.onUpdate({ roles })} data-testid={`save-roles-${user.email}`}>
              {t("admin.users.saveRoles")}
            </button>
            <button type="button" className="btn" onClick={() => setRoles(user.roles)}>
              {t("common.cancel")}
            </button>
          </div>
        ) : null}
      </td>
      <td>
        <span className={user.active ? "badge badge-ok" : "badge badge-danger"}>{user.active ? t("admin.users.active") : t("admin.users.inactive")}</span>
        {props.saving ? <div className="muted" role="status">{t("admin.form.saving")}</div> : null}
      </td>
      <td>
        <div className="row">
          {!user.active ? (
            <button type="button" className="btn" disabled={props.saving} onClick={() => props.onUpdate({ active: true })}>
              {t("admin.users.reactivate")}
            </button>
          ) : props.isSelf ? (
            // the server refuses it too (update-user.ts); say why rather than offer a button that fails
            <span className="muted">{t("admin.users.cannotDeactivateSelf")}</span>
          ) : (
            <ConfirmButton
              label={t("admin.users.deactivate")}
              question={t("admin.users.deactivateConfirm", { name: user.name })}
              confirmLabel={t("admin.users.deactivateYes")}
              disabled={props.saving}
              onConfirm={() => props.onUpdate({ active: false })}
              testId={`deactivate-${user.email}`}
            />
          )}
          <button type="button" className="btn" aria-expanded={resetting} onClick={() => setResetting((v) => !v)}>
            {t("admin.users.resetPassword")}
          </button>
          {user.active && !props.isSelf ? (
            <button type="button" className="btn" aria-expanded={minting} onClick={() => setMinting((v) => !v)}>
              {t("auth.mint.button")}
            </button>
          ) : null}
        </div>
        {resetting ? <ResetPasswordForm user={user} onDone={() => setResetting(false)} /> : null}
        {minting ? <MintTokenForm user={user} onDone={() => setMinting(false)} /> : null}
      </td>
    </tr>
  );
}

function ResetPasswordForm({ user, onDone }: { user: UserRow; onDone: () => void }) {
  const t = useT();
  const reset = useResetPassword();
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const id = `reset-${user.id}`;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = resetPasswordSchema.safeParse({ password });
    if (!parsed.success) return setError(parsed.error.issues[0].message);
    setError(null);
    try {
      await reset.mutateAsync({ userId: user.id, ...parsed.data });
      setDone(true);
      setPassword("");
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <form className="stack" style={{ marginTop: "0.5rem" }} onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={id}>{t("admin.users.newPassword")}</label>
        <input id={id} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </div>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {done ? (
        <p className="success" role="status">
          {t("admin.users.passwordReset", { name: user.name })}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={reset.isPending}>
          {t("admin.users.setPassword")}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
