"use client";
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { errorText } from "@/app/_components/query-view";
import { useCreateUser } from "@/app/_hooks/use-users";
import { createUserSchema } from "@/app/_lib/users/create-user.schema";
import { apiFieldErrors, type FieldErrors, zodFieldErrors } from "../_forms/field-errors";
import { RoleCheckboxes } from "./role-checkboxes";

type Role = "ANNOTATOR" | "ADJUDICATOR" | "ADMIN" | "JUDGE";

export function CreateUserForm() {
  const t = useT();
  const create = useCreateUser();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [roles, setRoles] = useState<Role[]>(["ANNOTATOR"]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setDone(null);
    const parsed = createUserSchema.safeParse({ email, name, password, roles });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    try {
      const user = await create.mutateAsync(parsed.data);
      setDone(t("admin.users.created", { name: user.name }));
      setEmail("");
      setName("");
      setPassword("");
      setRoles(["ANNOTATOR"]);
    } catch (err) {
      setErrors(apiFieldErrors(err));
    }
  }

  const fieldError = (field: string) =>
    errors[field] ? (
      <span className="error" id={`new-user-${field}-error`}>
        {errors[field]}
      </span>
    ) : null;

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="new-user-title" noValidate>
      <h2 id="new-user-title">{t("admin.users.create")}</h2>
      <div className="grid">
        <div className="field">
          <label htmlFor="new-user-email">{t("admin.users.email")}</label>
          <input id="new-user-email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={!!errors.email} />
          {fieldError("email")}
        </div>
        <div className="field">
          <label htmlFor="new-user-name">{t("admin.users.name")}</label>
          <input id="new-user-name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!!errors.name} />
          {fieldError("name")}
        </div>
        <div className="field">
          <label htmlFor="new-user-password">{t("admin.users.password")}</label>
          <input
            id="new-user-password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={!!errors.password}
          />
          <span className="hint">{t("admin.users.passwordHint")}</span>
          {fieldError("password")}
        </div>
      </div>
      <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 600, fontSize: "0.9rem" }}>{t("admin.users.roles")}</legend>
        <RoleCheckboxes idPrefix="new-user-role" roles={roles} onChange={setRoles} />
        {fieldError("roles")}
      </fieldset>
      {create.isError && !Object.keys(errors).length ? <p className="error" role="alert">{errorText(create.error)}</p> : null}
      {done ? <p className="success" role="status">{done}</p> : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? t("admin.form.saving") : t("admin.users.create")}
        </button>
      </div>
    </form>
  );
}
