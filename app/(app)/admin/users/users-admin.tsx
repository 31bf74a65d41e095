"use client";
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { errorText, QueryView } from "@/app/_components/query-view";
import { type UserRow, useResetPassword, useUpdateUser, useUsers } from "@/app/_hooks/use-users";
import { resetPasswordSchema } from "@/app/_lib/users/reset-password.schema";
import { CreateUserForm } from "./create-user-form";
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
            roles={user.roles}
            disabled={props.saving}
            // the server refuses an empty role list; keep at least one box ticked
            onChange={(roles) => roles.length > 0 && props.onUpdate({ roles })}
          />
        </div>
      </td>
      <td>
        <span className={user.active ? "badge badge-ok" : "badge badge-danger"}>{user.active ? t("admin.users.active") : t("admin.users.inactive")}</span>
        {props.saving ? <div className="muted" role="status">{t("admin.form.saving")}</div> : null}
      </td>
      <td>
        <div className="row">
          <button
            type="button"
            className={user.active ? "btn btn-danger" : "btn"}
            disabled={props.saving}
            onClick={() => props.onUpdate({ active: !user.active })}
          >
            {user.active ? t("admin.users.deactivate") : t("admin.users.reactivate")}
          </button>
          <button type="button" className="btn" aria-expanded={resetting} onClick={() => setResetting((v) => !v)}>
            {t("admin.users.resetPassword")}
          </button>
        </div>
        {resetting ? <ResetPasswordForm user={user} onDone={() => setResetting(false)} /> : null}
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
