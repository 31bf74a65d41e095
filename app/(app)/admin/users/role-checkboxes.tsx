"use client";
import { useT } from "@/app/_components/i18n-provider";

type Role = "ANNOTATOR" | "ADJUDICATOR" | "ADMIN" | "JUDGE";
export const ALL_ROLES: Role[] = ["ANNOTATOR", "ADJUDICATOR", "JUDGE", "ADMIN"];

/** One checkbox per role: a user may hold several. */
export function RoleCheckboxes(props: { idPrefix: string; roles: Role[]; onChange: (roles: Role[]) => void; disabled?: boolean }) {
  const t = useT();
  return (
    <div className="row">
      {ALL_ROLES.map((role) => {
        const id = `${props.idPrefix}-${role}`;
        return (
          <label key={role} htmlFor={id} className="row" style={{ gap: "0.3rem", fontWeight: 400 }}>
            <input
              id={id}
              type="checkbox"
              checked={props.roles.includes(role)}
              disabled={props.disabled}
              onChange={(e) =>
                props.onChange(e.target.checked ? ALL_ROLES.filter((r) => r === role || props.roles.includes(r)) : props.roles.filter((r) => r !== role))
              }
            />
            {t(`common.role.${role}`)}
          </label>
        );
      })}
    </div>
  );
}
